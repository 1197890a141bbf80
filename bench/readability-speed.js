#!/usr/bin/env node
// Times Mozilla's Readability.js on jsdom over saved pages, for comparison
// with broadsheet (bench/quality runs it; see bench/README.md).
//
// Usage: NODE_PATH=DIR/node_modules node bench/readability-speed.js \
//            [--runs N] PAGE.html...
// DIR is a folder where `npm install @mozilla/readability jsdom` was run.
//
// Every page is read into memory (as bytes, so that jsdom sniffs the
// encoding as a browser would) before any timing. One warm-up pass, not
// counted, finds the pages Readability fails on (an exception, or no
// article); these are left out of every timed run. Then N runs, each timing
// with process.hrtime.bigint, page by page:
//   new JSDOM(html, {url: file://PAGE}) + new Readability(document).parse()
//   + JSON.stringify(result) + window.close()
// Node start-up and file reading are not in the figures.
//
// Prints one JSON object on stdout:
//   {"runs": [seconds per run...], "pages": N read, "counted": N timed,
//    "failures": [{"file", "error"}], "node", "jsdom", "readability"}
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

function usage(msg) {
  process.stderr.write(`readability-speed: ${msg}\n` +
    "usage: node bench/readability-speed.js [--runs N] PAGE.html...\n");
  process.exit(2);
}

function version(pkg) {
  try {
    const main = require.resolve(pkg);
    let dir = path.dirname(main);
    for (;;) {
      const p = path.join(dir, "package.json");
      if (fs.existsSync(p)) {
        const j = JSON.parse(fs.readFileSync(p, "utf8"));
        if (j.name === pkg) return j.version;
      }
      const up = path.dirname(dir);
      if (up === dir) return null;
      dir = up;
    }
  } catch (e) {
    return null;
  }
}

function main() {
  const args = process.argv.slice(2);
  let runs = 5;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--runs") {
      runs = Number(args[++i]);
      if (!Number.isInteger(runs) || runs < 1) usage("--runs needs a whole number >= 1");
    } else if (args[i] === "-h" || args[i] === "--help") {
      process.stdout.write("usage: node bench/readability-speed.js [--runs N] PAGE.html...\n");
      return;
    } else {
      files.push(args[i]);
    }
  }
  if (files.length === 0) usage("no pages given");

  let JSDOM, VirtualConsole, Readability;
  try {
    ({ JSDOM, VirtualConsole } = require("jsdom"));
    ({ Readability } = require("@mozilla/readability"));
  } catch (e) {
    process.stderr.write("readability-speed: cannot load jsdom or @mozilla/readability " +
      "(set NODE_PATH to a node_modules folder that has them): " + e.message + "\n");
    process.exit(3);
  }

  // All pages in memory first.
  const pages = files.map((f) => ({
    file: f,
    url: pathToFileURL(path.resolve(f)).href,
    html: fs.readFileSync(f),
  }));

  // A virtual console that goes nowhere: jsdom would otherwise print every
  // stylesheet it cannot parse, which costs time and floods stderr.
  const quiet = new VirtualConsole();

  function one(page) {
    let dom;
    try {
      dom = new JSDOM(page.html, { url: page.url, virtualConsole: quiet });
    } catch (e) {
      e.stage = "new JSDOM";
      throw e;
    }
    try {
      const article = new Readability(dom.window.document).parse();
      const json = JSON.stringify(article);
      return { article, json };
    } catch (e) {
      e.stage = e.stage || "Readability.parse";
      throw e;
    } finally {
      dom.window.close();
    }
  }

  // Warm-up pass, not counted: also finds the pages Readability fails on.
  const failures = [];
  const good = [];
  for (const page of pages) {
    try {
      const { article } = one(page);
      if (!article) {
        failures.push({ file: page.file, error: "parse() returned null (no article found)" });
      } else {
        good.push(page);
      }
    } catch (e) {
      const msg = String((e && e.message) || e).split("\n")[0];
      const stage = (e && e.stage) || "?";
      failures.push({ file: page.file, error: `${stage}: ${(e && e.name) || "Error"}: ${msg}` });
    }
  }

  const totals = [];
  for (let r = 0; r < runs; r++) {
    let ns = 0n;
    for (const page of good) {
      const t0 = process.hrtime.bigint();
      one(page);
      ns += process.hrtime.bigint() - t0;
    }
    totals.push(Number(ns) / 1e9);
  }

  process.stdout.write(JSON.stringify({
    runs: totals,
    pages: pages.length,
    counted: good.length,
    failures,
    node: process.version,
    jsdom: version("jsdom"),
    readability: version("@mozilla/readability"),
  }) + "\n");
}

main();
