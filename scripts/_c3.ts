import * as fs from 'fs'; import * as path from 'path';
import { checkFiles } from '/work/main/lib/cli/manifests';
const OUT = '/work/corpus/out'; const files: string[] = [];
const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else files.push(p); } }; walk(OUT);
const want = process.argv[2];
const m = new Map<string, number>(); const ex = new Map<string,string>();
for (const f of files) { const o = checkFiles({ paths: [f], cwd: OUT }); for (const x of o.findings) if (x.rule.id === want) { const k = `${x.object.split('/')[0]} ${x.field.replace(/\[\d+\]/g,'[]')} ${x.problem.slice(0,60)}`; m.set(k,(m.get(k)??0)+1); ex.set(k, path.relative(OUT,f) + ' ' + JSON.stringify(x.value)?.slice(0,60)); } }
for (const [k,n] of [...m].sort((a,b)=>b[1]-a[1]).slice(0,30)) console.log(n, k, '|', ex.get(k));
