import FuzzSupport

runFuzzer(.mods)
