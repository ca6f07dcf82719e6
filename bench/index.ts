// Benchmarks: `npm run bench [what]` prints one line per figure, `BENCH <name> key=value …`.
// Each benchmark lives in its own module; this file only dispatches.
//   turns [scenario…]      turn latency and throughput against a bare echo bot (bench/turns.ts)
//   announce               a publication's announcement to 2,000 subscribers (bench/announce.ts)
//   import | category | scenarios   the catalogue's figures (bench/catalogue.ts)
// With no argument: all of them.
import { benchAnnounce } from './announce';
import { benchCatalogue } from './catalogue';
import { benchTurns } from './turns';

const [what, ...rest] = process.argv.slice(2);
if (what === 'turns') await benchTurns(rest);
else if (what === 'announce') await benchAnnounce();
else {
  await benchCatalogue(what);
  if (what === undefined) {
    await benchTurns([]);
    await benchAnnounce();
  }
}
