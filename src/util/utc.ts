// The context date-fns computes in: UTC, whatever the machine's time zone.
// @date-fns/utc's own `utc` makes its full UTCDate, whose module builds three Intl formatters as it loads (for
// toString); a startup snapshot cannot hold Intl objects (src/cli/snapshot.ts), and only the UTC getters are used.
import { UTCDateMini } from '@date-fns/utc/date/mini';

export const utc = (value: Date | number | string): Date => new UTCDateMini(+new Date(value));
