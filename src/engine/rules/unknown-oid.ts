/** An OID_ name that is not in the catalog, with the nearest real name. */
import { clip } from '../text/clip';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'unknown-oid',
    description: 'An OID name that does not exist, with the real name it most likely means.',
    defaultSeverity: 'warning',
    page: 'virtual-function-teardown-sequence',
  },
  create(context) {
    return {
      line(parsed) {
        for (const token of parsed.unknownOids ?? []) {
          const hint = token.alias
            ? `; the teardown page's picture calls ${token.suggestion} by this name, which does not exist`
            : token.suggestion
              ? `; did you mean ${token.suggestion}?`
              : '';
          context.report({
            span: token.span,
            message: `unknown OID ${clip(token.name)}${hint}`,
            tags: token.alias ? ['deprecated'] : undefined,
            fix: token.suggestion ? { span: token.span, text: token.suggestion, title: `Replace with ${token.suggestion}` } : undefined,
          });
        }
      },
    };
  },
});
