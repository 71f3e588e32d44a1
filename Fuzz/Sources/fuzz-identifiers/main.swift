import FuzzSupport

runFuzzer(.identifiers)
