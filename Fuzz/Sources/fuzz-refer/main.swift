import FuzzSupport

runFuzzer(.refer)
