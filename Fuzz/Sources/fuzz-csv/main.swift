import FuzzSupport

runFuzzer(.csv)
