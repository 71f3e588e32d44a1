import FuzzSupport

runFuzzer(.refWorks)
