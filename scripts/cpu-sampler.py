import os,sys,time
# usage: cpusampler.py OUT INTERVAL SECONDS : every INTERVAL s, per java process (named by its main class/jar), total ticks and compiler-thread ticks
out=open(sys.argv[1],'w'); iv=float(sys.argv[2]); dur=float(sys.argv[3])
def name(pid):
    try: cmd=open(f'/proc/{pid}/cmdline','rb').read().split(b'\0')
    except: return None
    cmd=[c.decode(errors='replace') for c in cmd]
    if not cmd or not cmd[0].endswith('java'): return None
    for c in cmd:
        for k in ('intake','review','scheduling','notification'):
            if c.endswith('.jar') and k in c.split('/')[-1]: return k
    s=' '.join(cmd)
    if 'KafkaBroker' in s or 'kafka.Kafka' in s or 'KafkaRaftServer' in s: return 'kafka'
    if 'Mongo' in s: return 'mongo'
    if 'Mail' in s or 'greenmail' in s.lower(): return 'mail'
    if 'systemtests' in s or 'system-tests' in s: return 'harness'
    return 'other:'+cmd[-1][-40:]
t0=time.time()
while time.time()-t0<dur:
    now=time.time()
    for pid in os.listdir('/proc'):
        if not pid.isdigit(): continue
        n=name(pid)
        if not n: continue
        try:
            f=open(f'/proc/{pid}/stat').read().rsplit(')',1)[1].split()
            tot=int(f[11])+int(f[12])
            comp=0
            for tid in os.listdir(f'/proc/{pid}/task'):
                try:
                    comm=open(f'/proc/{pid}/task/{tid}/comm').read()
                    if 'CompilerThre' in comm:
                        g=open(f'/proc/{pid}/task/{tid}/stat').read().rsplit(')',1)[1].split()
                        comp+=int(g[11])+int(g[12])
                except: pass
            out.write(f'{now:.1f} {pid} {n} {tot} {comp}\n')
        except: pass
    out.flush()
    time.sleep(max(0,iv-(time.time()-now)))
