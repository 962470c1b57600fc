/** The part of a zod schema a form rule needs (kept structural so this file does not import zod). */
interface Parser {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: { message: string }[] } };
}

/** A NutUI Form.Item rule that validates one field with a zod schema and shows its Chinese message. */
export function zodRule(schema: Parser) {
  return {
    validator: (_rule: unknown, value: unknown): true | Promise<never> => {
      const result = schema.safeParse(value);
      if (result.success) return true;
      return Promise.reject(result.error.issues[0]?.message ?? '填写有误，请检查');
    },
  };
}
