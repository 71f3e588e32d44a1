import FuzzSupport

runFuzzer(.webOfScience)
