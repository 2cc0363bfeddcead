// Prints the notices of every package bundled into tools.js (the
// lockfile's non-development packages): name, version, licence and the
// package's licence file, for dist/licenses.txt.
//   node licenses.cjs BUILD_FOLDER_OF_NPM_CI
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
const out = ["The CSR and PFX generator's script (tools.js) bundles these packages.\n"];
for (const [where, p] of Object.entries(lock.packages).sort()) {
	if (!where || p.dev)
		continue;
	const name = where.replace(/^.*node_modules\//, "");
	out.push("=".repeat(72), name + " " + p.version + " (" + (p.license || "see the package") + ")", "");
	const files = fs.readdirSync(path.join(dir, where)).filter((f) => /^licen[cs]e/i.test(f));
	for (const f of files)
		out.push(fs.readFileSync(path.join(dir, where, f), "utf8").trim(), "");
	if (files.length === 0)
		out.push("(no licence file in the package; its package.json names " + (p.license || "none") + ")", "");
}
process.stdout.write(out.join("\n") + "\n");
