/** A canonical `.oidtrace` line that does not parse; the rest of the file is still checked. */
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'syntax',
    description: 'A line of an .oidtrace file that does not parse.',
    defaultSeverity: 'error',
    page: 'virtual-function-teardown-sequence',
  },
  create(context) {
    return {
      line(parsed) {
        if (parsed.syntaxError) context.report({ span: parsed.syntaxError.span, message: parsed.syntaxError.message });
      },
    };
  },
});
