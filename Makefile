# foidesk: two commands on a fresh Debian 12 machine.
#   make demo   install what is missing, build, answer FOI 000763/16 into out/demo/
#   make test   install what is missing, build, run every test
BUILD ?= build
JOBS ?= 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PACKAGES := $(shell grep -v '^\#' deps/debian-packages.txt)

.PHONY: all deps a11y-deps configure build demo test bench clean

all: build

# Installs only the packages that are missing (dpkg-query), so a machine
# that has them all makes no network call.
deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The accessibility tests (tests/a11y: axe-core in chromium) need node and
# npm, from Debian when either is missing, and the pinned npm packages,
# installed again (npm ci) when package-lock.json is newer than node_modules.
A11Y := tests/a11y
a11y-deps: deps
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  missing=$$(command -v node >/dev/null || echo nodejs; command -v npm >/dev/null || echo npm); \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	}
	@if [ ! -d $(A11Y)/node_modules ] || [ $(A11Y)/package-lock.json -nt $(A11Y)/node_modules ]; then \
	  cd $(A11Y) && npm ci --no-audit --no-fund && touch node_modules; \
	fi

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The demo needs only the command, not the tests.
demo: configure
	cmake --build $(BUILD) -j $(JOBS) --target foidesk
	./$(BUILD)/foidesk demo --out out/demo
	@mkdir -p out/demo/screenshots
	pdftoppm -r 80 -png -f 1 -l 1 -singlefile out/demo/response/response.pdf out/demo/screenshots/letter-page-1
	@echo "screenshot of the letter's first page: out/demo/screenshots/letter-page-1.png"
	timeout 120 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,900 \
	  --screenshot=$(CURDIR)/out/demo/screenshots/site-index.png file://$(CURDIR)/out/demo/site/index.html >/dev/null 2>&1
	@echo "screenshot of the disclosure log's index: out/demo/screenshots/site-index.png"

test: build a11y-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	mkdir -p out && ./$(BUILD)/foidesk bench --crimes 1000000 | tee out/bench.txt

clean:
	rm -rf $(BUILD) out
