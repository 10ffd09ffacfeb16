# Stop-gap for the kit's series the trainer cannot read yet (row-order calendars are still to land): writes, per
# series, train.csv (rows 1..train_n(1)) and all.csv (every row) under $OUT/<series>/. Business-daily rows get a
# Monday-to-Friday calendar without holidays and daily rows consecutive dates (melbourne drops 29 February), so the
# row order is the time axis; the values are untouched. Once `backtest --kit` reads these series, use it instead.
import csv, sys, datetime, os, json
K=os.path.join(os.environ.get('KIT','../shared/accuracy'),'data')
OUT=os.environ.get('OUT','/tmp/kit')
series=list(csv.DictReader(open(f'{K}/series.csv')))
origins=list(csv.DictReader(open(f'{K}/origins.csv')))
def bdays(start, n):
    d=start; out=[]
    while len(out)<n:
        if d.weekday()<5: out.append(d.isoformat())
        d+=datetime.timedelta(days=1)
    return out
for s in series:
    rows=list(csv.DictReader(open(f"{K}/{s['file']}")))
    ts=[r['timestamp'] for r in rows]; vs=[r['value'] for r in rows]
    if s['frequency']=='business-daily':
        ts=bdays(datetime.date(2000,1,3), len(ts))
    if s['frequency']=='daily':
        d0=datetime.date.fromisoformat(ts[0]); ts=[(d0+datetime.timedelta(days=i)).isoformat() for i in range(len(ts))]
    o1=[o for o in origins if o['series']==s['series'] and o['origin_index']=='1'][0]
    tn=int(o1['train_n'])
    d=f"{OUT}/{s['series']}"; os.makedirs(d,exist_ok=True)
    with open(f'{d}/train.csv','w') as f:
        f.write('timestamp,value\n'); f.writelines(f'{t},{v}\n' for t,v in zip(ts[:tn],vs[:tn]))
    with open(f'{d}/all.csv','w') as f:
        f.write('timestamp,value\n'); f.writelines(f'{t},{v}\n' for t,v in zip(ts,vs))
    json.dump({'H':int(s['H']),'m':int(s['m']),'train_n':tn,'n':len(vs),'freq':s['frequency']},open(f'{d}/meta.json','w'))
