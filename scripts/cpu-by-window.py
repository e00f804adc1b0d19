import sys,collections,datetime
# usage: cpuwin.py FILE LOADSTART(HH:MM:SS) DURATION RATE WINDOW
f=sys.argv[1]; hh=sys.argv[2]; dur=float(sys.argv[3]); rate=float(sys.argv[4]); win=float(sys.argv[5])
rows=[l.split() for l in open(f)]
day=datetime.datetime.utcfromtimestamp(float(rows[0][0])).date()
h,m,s=map(int,hh.split(':'))
t0=datetime.datetime(day.year,day.month,day.day,h,m,s,tzinfo=datetime.timezone.utc).timestamp()
series=collections.defaultdict(list)  # (name,pid)->[(t,tot,comp)]
for t,pid,n,tot,comp in rows: series[(n,pid)].append((float(t),int(tot),int(comp)))
def at(ser,t):
    best=min(ser,key=lambda r:abs(r[0]-t)); return best
names=sorted({n for n,_ in series})
edges=[t0+i*win for i in range(int(dur/win)+1)]
print('window(s)  '+'  '.join(f'{n[:8]:>9}' for n in names)+'   stack(no harness)  | compiler ms/req: '+' '.join(f'{n[:6]:>7}' for n in names))
for a,b in zip(edges,edges[1:]):
    req=rate*(b-a); cpu={}; comp={}
    for n in names:
        c=0;k=0
        for (nn,pid),ser in series.items():
            if nn!=n: continue
            ra=at(ser,a); rb=at(ser,b)
            if abs(ra[0]-a)>15 or abs(rb[0]-b)>15: continue
            c+=rb[1]-ra[1]; k+=rb[2]-ra[2]
        cpu[n]=c*10/req; comp[n]=k*10/req
    stack=sum(v for n,v in cpu.items() if n!='harness')
    print(f'{a-t0:4.0f}-{b-t0:4.0f}  '+'  '.join(f'{cpu[n]:9.2f}' for n in names)+f'   {stack:8.2f}          | '+' '.join(f'{comp[n]:7.2f}' for n in names))
