#!/bin/bash
# usage (from the repository root, after prep.py and a Release build of the trainer): bench/accuracy-kit/runall.sh TAG [train args]
set -u
HERE=$(dirname "$0")
TAG=$1; shift
for S in finance_msft_close_bd finance_ust10y_m sensor_rionegro_level_m sensor_sunspots_m energy_gasprice_us_w finance_nyse_bd sensor_melbourne_tmax_d sensor_dublin_wind_d sensor_chatelet_co2_h sensor_chatelet_temp_h energy_ukgas_q; do
  "$HERE/run1.sh" $S $TAG "$@"
done
python3 "$HERE/score.py" $TAG
