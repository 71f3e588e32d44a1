import FuzzSupport

runFuzzer(.clinicalTrialsJSON)
