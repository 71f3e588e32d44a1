import FuzzSupport

runFuzzer(.clinicalTrialsCSV)
