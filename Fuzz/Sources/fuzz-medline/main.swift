import FuzzSupport

runFuzzer(.medline)
