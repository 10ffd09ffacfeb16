#!/bin/bash
# usage (from the repository root): bench/accuracy-kit/run1.sh SERIES TAG [extra train args]
# Trains on the rows before origin 1, then forecasts the 10 origins through model.onnx with `evaluate --forecasts`.
S=$1; TAG=$2; shift 2
OUT=${OUT:-/tmp/kit}; D=$OUT/$S; O=$OUT/out/$TAG; mkdir -p $O
DLL=${DLL:-src/ForecastService.Trainer/bin/Release/net10.0/ForecastService.Trainer.dll}
H=$(python3 -c "import json;print(json.load(open('$D/meta.json'))['H'])")
NAME=$(echo $S | tr '_' '-')
START=$(date +%s.%N)
dotnet $DLL train --name $NAME --domain sensor --description kit --data $D/train.csv --horizon $H --output $O/models --force --quiet --allow-worse-than-baseline "$@" > $O/$S.train.log 2>&1 || { echo "$S train failed"; tail -5 $O/$S.train.log; exit 1; }
END=$(date +%s.%N)
python3 -c "print(f'{$END-$START:.1f}')" > $O/$S.seconds
L=$(python3 -c "import json;print(json.load(open('$O/models/$NAME/1/model.json'))['lookback'])")
python3 - <<PY
import json
m=json.load(open('$D/meta.json')); lines=open('$D/all.csv').read().splitlines()
open('$O/$S.eval.csv','w').write('\n'.join([lines[0]]+lines[1+m['train_n']-$L:])+'\n')
PY
dotnet $DLL evaluate $O/models/$NAME/1 --data $O/$S.eval.csv --forecasts $O/$S.fc.csv > $O/$S.eval.log 2>&1 || { echo "$S eval failed"; tail -5 $O/$S.eval.log; exit 1; }
echo "$S done"
