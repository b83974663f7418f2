# Two commands for a newcomer: `make run` and `make test`. Each sets up what is
# missing first (Debian packages, npm packages, tauri-driver).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

UI_SOURCES := $(shell find ui/src -type f 2>/dev/null) ui/index.html ui/participant.html ui/vite.config.ts ui/vite.participant.config.ts ui/svelte.config.js ui/tsconfig.json
XVFB := xvfb-run -a -s "-screen 0 1920x1080x24"
LOGS := .test-logs

.PHONY: run test setup-run setup-test setup-package setup-windows ui check-ui lint test-rust bindings bench bench-start package test-package windows test-windows package-windows clean

run: setup-run ui
	cargo run -p wandzeitung-app

test: setup-test ui lint check-ui test-rust test-windows
	@scripts/test-summary.sh $(LOGS)

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

setup-package:
	@scripts/setup.sh package

setup-windows:
	@scripts/setup.sh windows

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

ui/dist/index.html: ui/node_modules/.installed $(UI_SOURCES)
	cd ui && npm run build

# The app embeds ui/dist and the core embeds the phones' page
# (ui/dist-participant) when they are compiled, so the UI is built first.
ui: ui/dist/index.html

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

check-ui: ui/node_modules/.installed
	cd ui && npm run check
	@mkdir -p $(LOGS)
	set -o pipefail; cd ui && npm test 2>&1 | tee ../$(LOGS)/vitest.log

# The end-to-end tests start the debug app binary, so it is built first.
test-rust: ui
	cargo build -p wandzeitung-app
	@mkdir -p $(LOGS)
	set -o pipefail; $(XVFB) cargo test --workspace 2>&1 | tee $(LOGS)/cargo.log

# Regenerates ui/src/lib/api/bindings.ts from the Rust types.
bindings:
	WZ_WRITE_BINDINGS=1 cargo test -p wandzeitung-app bindings

# Numbers, not verdicts: the core with the store on disk, then the real app.
# The app benchmark measures the release build, the one users get.
bench: setup-test ui
	cargo bench --bench core
	cargo bench --bench join
	cargo bench --bench audience
	cargo bench --bench photos
	cargo bench --bench follow_up
	cargo bench --bench team_sync
	cargo build --release -p wandzeitung-app
	@ls -l $${CARGO_TARGET_DIR:-target}/release/wandzeitung-app | awk '{printf "release binary: %.1f MiB\n", $$5 / 1048576}'
	$(XVFB) cargo bench --bench app
	$(MAKE) bench-start

# The release window's start read off the screen, beside a bare WebKitGTK
# window (src-tauri/benches/start.rs), on a desktop's session bus.
bench-start: setup-test ui
	cargo build --release -p wandzeitung-app --bin wandzeitung-app --example bare_webview
	dbus-run-session -- $(XVFB) cargo bench -p wandzeitung-app --bench start

# The installable packages (.deb, .rpm) with Tauri's bundler, from the
# release build; see scripts/package.sh.
package: setup-package ui
	scripts/package.sh

# Installs the built .deb on this machine, starts the installed app from its
# desktop entry, and removes the package again (the user's store stays).
# Needs to install packages: run by CI after `make test`.
test-package: package
	@mkdir -p $(LOGS)
	set -o pipefail; WZ_PACKAGE_TEST=1 $(XVFB) cargo test --test e2e_package -- --ignored 2>&1 | tee $(LOGS)/package.log

# Windows, made on Debian (scripts/windows.sh): the release app and wz.exe
# cross-built for x86_64-pc-windows-gnu; the core's tests run as Windows
# programs under Wine; the installer and the portable ZIP, installed,
# started and uninstalled under Wine.
windows: setup-windows ui
	scripts/windows.sh build

test-windows: setup-windows ui
	@mkdir -p $(LOGS)
	set -o pipefail; scripts/windows.sh test 2>&1 | tee $(LOGS)/windows.log

package-windows: windows
	scripts/windows.sh package
	@mkdir -p $(LOGS)
	set -o pipefail; WZ_WINDOWS_DIST=$$(scripts/windows.sh dist) $(XVFB) cargo test --test windows_install -- --ignored 2>&1 | tee $(LOGS)/windows-install.log

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
