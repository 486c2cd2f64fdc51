print("lagrangify-bench: no suites yet")
