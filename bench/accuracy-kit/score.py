import csv, json, sys, math, glob, os
# Scores runall.sh's forecasts as the kit's score.R does (scale: in-sample MAE of the lag-m seasonal naive on the rows
# before each origin) and prints them next to the kit's snaive and ets.
KIT=os.environ.get('KIT','../shared/accuracy'); OUTROOT=os.environ.get('OUT','/tmp/kit')
TAG=sys.argv[1]; O=f'{OUTROOT}/out/{TAG}'
K=f'{KIT}/data'
base={}
for r in csv.DictReader(open(f'{KIT}/baselines.csv')):
    base[(r['series'],r['method'])]=float(r['MASE'])
rows=[]
for s in csv.DictReader(open(f'{K}/series.csv')):
    S=s['series']; fc=f'{O}/{S}.fc.csv'
    if not os.path.exists(fc): continue
    m=int(s['m']); H=int(s['H'])
    y=[float(r['value']) for r in csv.DictReader(open(f"{K}/{s['file']}"))]
    meta=json.load(open(f'{OUTROOT}/{S}/meta.json')); tn1=meta['train_n']
    f=list(csv.DictReader(open(fc)))
    L=int(f[0]['origin'])  # first origin in eval file = L
    by={}
    for r in f: by.setdefault(int(r['origin']),[]).append(r)
    mases=[];sm=[];cov=[];wid=[]
    for k,o in enumerate(sorted(by)):
        tn=tn1+(o-L)
        hist=y[:tn]
        sc=sum(abs(hist[t]-hist[t-m]) for t in range(m,tn))/(tn-m)
        if sc==0: sc=sum(abs(hist[t]-hist[t-1]) for t in range(1,tn))/(tn-1)
        e=[];
        for r in sorted(by[o],key=lambda r:int(r['step'])):
            j=int(r['step']); a=y[tn+j-1]; q50=float(r['q0.5']); lo=float(r['q0.1']); hi=float(r['q0.9'])
            lo,hi=min(lo,hi),max(lo,hi)
            e.append(abs(a-q50)); sm.append(0 if a==0 and q50==0 else 200*abs(a-q50)/(abs(a)+abs(q50)))
            cov.append(1 if lo<=a<=hi else 0); wid.append((hi-lo)/sc)
        mases.append(sum(e)/len(e)/sc)
    assert len(by)==10, (S,len(by))
    mase=sum(mases)/len(mases)
    secs=float(open(f'{O}/{S}.seconds').read())
    rows.append((S,mase,sum(sm)/len(sm),sum(cov)/len(cov),sum(wid)/len(wid)/1,secs,base[(S,'snaive')],base[(S,'ets')]))
print(f"{'series':26s} {'MASE':>7s} {'sMAPE':>7s} {'cov80':>6s} {'swidth':>7s} {'secs':>6s} {'snaive':>7s} {'ets':>7s} {'ratio':>6s}")
for r in rows:
    print(f"{r[0]:26s} {r[1]:7.3f} {r[2]:7.2f} {r[3]:6.2f} {r[4]:7.2f} {r[5]:6.1f} {r[6]:7.3f} {r[7]:7.3f} {r[1]/r[6]:6.3f}")
g=lambda i: math.exp(sum(math.log(r[i]) for r in rows)/len(rows))
print(f"gmean MASE {g(1):.3f} (snaive {g(6):.3f}, ets {g(7):.3f}) over {len(rows)} series; worst ratio {max(r[1]/r[6] for r in rows):.3f}; mean cov80 {sum(r[3] for r in rows)/len(rows):.3f}; min cov80 {min(r[3] for r in rows):.2f}")
