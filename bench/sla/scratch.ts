import { benchCalendars } from './calendars';
import { benchCatalog, prng, randomTimeline, project, isActive, incidentId, incidentNumber } from './fixtures';
const cat = benchCatalog(benchCalendars(2025, 2029));
const rnd = prng(42); const now = Date.now();
const N = 50000;
const tl = Array.from({length:N}, (_, i) => randomTimeline(rnd, incidentId(1,i), incidentNumber(i), now));
let clocks=0, active=0, due=0, past=0, soon=0;
for (let pass=0;pass<2;pass++){
const t = performance.now();
for (const x of tl) { const p = project(x, cat); if(pass) { clocks+=p.clocks.length; active+=p.clocks.filter(isActive).length; due+=p.due.length; past+=p.due.filter(d=>d.dueAt<=now).length; soon+=p.due.filter(d=>d.dueAt>now && d.dueAt<now+7200000).length; } }
console.log('derive/s', (N/(performance.now()-t)*1000).toFixed(0));
}
console.log({clocks: clocks/N, active: active/N, due: due/N, past: past/N, soon: soon/N});
const p = project(tl[0]!, cat); console.log(JSON.stringify(p).length, JSON.stringify(tl[0]).length);
console.log(JSON.stringify(p.clocks[0]));
