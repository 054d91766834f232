# Two commands do everything on a fresh machine with Swift:
#   make site   build the generator and write every school's site into Output/
#   make test   run the whole test suite (Swift tests, then the page gates)
SWIFT ?= swift

.PHONY: site test record deps

# The release binary carries the Swift runtime and Foundation inside it
# (--static-swift-stdlib): a small build starts several times faster (README, "Performance").
RELEASE = build -c release --product conduct --static-swift-stdlib

site: deps
	$(SWIFT) $(RELEASE)
	.build/release/conduct build

# The preview's tests run on their own, after the others: they start real servers and
# wait on them, and on a 2-core machine the other suites' long synchronous builds can
# hold every thread of Swift's shared pool for longer than those waits.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip PreviewServerTests
	$(SWIFT) test --skip-build --filter PreviewServerTests
	scripts/gates --with-self-test $(GATES_ARGS)

# The page gates alone (README, "Checking pages: gates and screenshots"): the Nu HTML
# Checker, axe-core at 1280 and 320 px and LinkChecker on every page of a fresh publish,
# the QR codes of the printed letter and poster read back with zbarimg, then the
# self-test that plants a fault for each gate. Installs what it needs.
.PHONY: gates
gates: deps
	scripts/gates --with-self-test $(GATES_ARGS)

# Re-record the golden files after an intended change to templates or rendering,
# then check them; review the diff under Tests/ConductKitTests/Snapshots/ before committing.
record: deps
	-RECORD_SNAPSHOTS=1 $(SWIFT) test --filter SnapshotTests
	$(SWIFT) test --filter SnapshotTests

deps:
	@scripts/install-deps

# Time `conduct build` on synthetic consortia (14, 1,000 and 3,500 schools) against the
# cmark command and Hugo; see README, "Performance". e.g. make bench BENCH_ARGS=--quick
.PHONY: bench
bench: deps
	scripts/bench $(BENCH_ARGS)

# How build and check time grow with hostile Markdown (deep nesting, long lines of
# values, many headings), against cmark on the same text; see README, "Performance".
# e.g. make bench-growth GROWTH_ARGS="--family quotes,emphasis --reps 1"
.PHONY: bench-growth
bench-growth: deps
	$(SWIFT) $(RELEASE)
	scripts/bench-growth $(GROWTH_ARGS)
