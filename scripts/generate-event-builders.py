#!/usr/bin/env python3
# Generates the event test builders (event-contracts test-jar) from the event records.
# Run after adding an event or a field: python3 scripts/generate-event-builders.py
import re, os, glob
import sys
root=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src=root+'/event-contracts/src/main/java/dev/upgradeassist/contracts'
out=root+'/event-contracts/src/test/java/dev/upgradeassist/contracts/testing'
os.makedirs(out, exist_ok=True)
def split_top(s):
    parts=[];depth=0;cur=''
    for ch in s:
        if ch=='<': depth+=1
        if ch=='>': depth-=1
        if ch==',' and depth==0:
            parts.append(cur);cur=''
        else: cur+=ch
    if cur.strip(): parts.append(cur)
    return [p.strip() for p in parts]
events=[]
for f in sorted(glob.glob(src+'/*.java')):
    s=open(f).read()
    m=re.search(r'public record (\w+)\((.*?)\)\s*implements DomainEvent', s, re.S)
    if not m: continue
    name=m.group(1)
    comps=[]
    for p in split_top(re.sub(r'//.*','',m.group(2))):
        p=re.sub(r'@\w+(\([^)]*\))?\s*','',p).strip()
        t,n=p.rsplit(None,1)
        comps.append((t,n))
    nested=re.findall(r'^\s+public (?:enum|record) (\w+)', s, re.M)
    comps=[(re.sub(r'\b(%s)\b'%'|'.join(nested), name+r'.\1', t) if nested else t, n) for t,n in comps]
    imports=set(re.findall(r'^import (dev\.upgradeassist\.contracts\.model\.\w+|java\.[\w.]+);', s, re.M))
    events.append((name,comps,imports))
def lower(n): return n[0].lower()+n[1:]
for name,comps,imports in events:
    imps=sorted(imports|{'dev.upgradeassist.contracts.'+name})
    lines=['package dev.upgradeassist.contracts.testing;','']
    lines+=['import %s;'%i for i in imps]
    lines+=['','/**',
     ' * Builds a {@link %s} for a test: every field starts as in the golden file {@code golden/%s.v1.json}, with a'%(name,name),
     ' * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.',
     ' */',
     'public final class %sBuilder {'%name,'']
    for t,n in comps: lines.append('    private %s %s;'%(t,n))
    lines+=['','    %sBuilder(%s from) {'%(name,name)]
    for t,n in comps: lines.append('        this.%s = from.%s();'%(n,n))
    lines+=['    }','',
     '    /** A builder that starts from {@code event}, keeping its event id. */',
     '    public static %sBuilder from(%s event) {'%(name,name),
     '        return new %sBuilder(event);'%name,'    }','']
    for t,n in comps:
        lines+=['    public %sBuilder %s(%s %s) {'%(name,n,t,n),'        this.%s = %s;'%(n,n),'        return this;','    }','']
    lines+=['    public %s build() {'%name,'        return new %s(%s);'%(name,', '.join(n for t,n in comps)),'    }','}','']
    open(out+'/%sBuilder.java'%name,'w').write('\n'.join(lines))
# TestEvents
lines=['package dev.upgradeassist.contracts.testing;','',
 'import dev.upgradeassist.contracts.DomainEvent;','',
 'import java.util.UUID;','',
 '/**',
 ' * Test builders for every event, seeded from its golden file with a fresh event id:',
 ' * {@code TestEvents.planApproved().requestId(id).revision(2).build()}. Kept in step with the records by',
 ' * {@code TestEventsTest}, which builds every type; regenerate with {@code scripts/generate-event-builders.py}.',
 ' */',
 'public final class TestEvents {','','    private TestEvents() {','    }','']
for name,comps,imports in events:
    lines+=['    public static %sBuilder %s() {'%(name,lower(name)),
            '        return new %sBuilder(GoldenEvents.read(dev.upgradeassist.contracts.%s.class)).eventId(UUID.randomUUID().toString());'%(name,name),'    }','']
lines+=['}','']
open(out+'/TestEvents.java','w').write('\n'.join(lines))
print(len(events))
