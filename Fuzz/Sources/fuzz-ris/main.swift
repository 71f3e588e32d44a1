import FuzzSupport

runFuzzer(.ris)
