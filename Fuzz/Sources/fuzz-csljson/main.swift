import FuzzSupport

runFuzzer(.cslJSON)
