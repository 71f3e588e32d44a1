import FuzzSupport

runFuzzer(.bibtex)
