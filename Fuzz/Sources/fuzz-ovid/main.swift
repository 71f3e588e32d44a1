import FuzzSupport

runFuzzer(.ovid)
