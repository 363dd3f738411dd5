import { putAndSize } from "../commands/usecase.js";
import type { ChatForm } from "../registry.js";
import { buildUseCase } from "../usecase.js";

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The use-case form: `uc:<workshopId>`; refused fields come back beside their inputs. */
export const useCaseForm: ChatForm = {
  prefix: "uc",
  workshopOf: (formId) => formId.split(":")[1] || undefined,
  async submit(ctx, s, core) {
    const workshopId = s.formId.slice("uc:".length);
    const v = s.values;
    const key = (v.usecase ?? "").trim();
    const built = buildUseCase(key, {
      ...(v.title ? { title: v.title } : {}),
      rate: v.rate ?? "",
      ...(v.peak ? { peak: v.peak } : {}),
      size: v.size ?? "",
      ...(v.recordKey ? { key: v.recordKey } : {}),
      ...(v.keys ? { keys: v.keys } : {}),
      ...(v.zipf ? { zipf: v.zipf } : {}),
      ...(v.groups ? { groups: v.groups } : {}),
      ...(v.delivery ? { delivery: v.delivery } : {}),
    });
    const errors: Record<string, string> = {};
    if (!KEY.test(key)) errors.usecase = "A key of letters, digits, - or _: `orders`.";
    if (!built.ok) {
      const at: Record<string, string> = { key: "recordKey" };
      for (const [field, message] of Object.entries(built.errors)) errors[at[field] ?? field] = message;
    }
    if (!built.ok || Object.keys(errors).length) return { ok: false, errors };
    return { ok: true, reply: await putAndSize(core, ctx, workshopId, key, built.useCase) };
  },
};
