/** The strawman deployment and development architecture: one entry per environment. */

export const ENVIRONMENT_TIERS = ["dev", "test", "preprod", "prod"] as const;
export type EnvironmentTier = (typeof ENVIRONMENT_TIERS)[number];

export const COMPONENT_KINDS = [
  "broker",
  "controller",
  "schema-registry",
  "connect",
  "ksqldb",
  "streams-app",
  "rest-proxy",
  "mirror",
  "monitoring",
  "alerting",
  "logging",
  "secrets",
  "ci-cd",
  "other",
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface ComponentSpec {
  key: string;
  kind: ComponentKind;
  product: string;
  count?: number | undefined;
  notes?: string | undefined;
}

export interface EnvironmentSpec {
  key: string;
  name: string;
  tier: EnvironmentTier;
  /** "99.95%", "business hours": in the room's words. */
  availability?: string | undefined;
  rpoMinutes?: number | undefined;
  rtoMinutes?: number | undefined;
  regions: string[];
  components: ComponentSpec[];
}
