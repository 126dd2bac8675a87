#!/bin/sh
# Runs the scheduling, conversation and session tests with the machine's clock set late in the evening and
# early in the morning (UTC, today), under libfaketime (`apt-get install faketime`): a test that
# passes only in the daytime, when the sample programme's quiet hours (21:00–07:00) are not on,
# fails here. The clock starts at that hour and runs on; the monotonic clock is left alone, so
# that timers and the test apps' clocks (test/support/clock.ts) keep their pace.
#
# Left out, because a faked clock breaks them and not the code: job-schedules starts a
# redis-server of its own, scale-out starts worker processes that run on the real clock (it
# gives them an environment of their own, without libfaketime), and send-journal reads the
# times of files (written on the real clock). The resilience tests (test/resilience) start
# their own Redis and read file times too: they are not run here.
set -u
status=0
for hour in 23:30 06:30; do
  echo "== the clock at $hour UTC"
  FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=UTC faketime "$(date -u +%F) $hour:00" \
    npx vitest run test/jobs test/conversation test/sessions \
    --exclude test/jobs/job-schedules.test.ts \
    --exclude test/jobs/scale-out.test.ts \
    --exclude test/jobs/send-journal.test.ts || status=1
done
exit $status
