# Two commands do everything on a fresh machine with Swift:
#   make site   build the generator and write every school's site into Output/
#   make test   run the whole test suite
SWIFT ?= swift

.PHONY: site test record deps

site: deps
	$(SWIFT) build -c release --product conduct
	.build/release/conduct build

test: deps
	$(SWIFT) test

# Re-record the golden files after an intended change to templates or rendering,
# then check them; review the diff under Tests/ConductKitTests/Snapshots/ before committing.
record: deps
	-RECORD_SNAPSHOTS=1 $(SWIFT) test --filter SnapshotTests
	$(SWIFT) test --filter SnapshotTests

deps:
	@scripts/install-deps
