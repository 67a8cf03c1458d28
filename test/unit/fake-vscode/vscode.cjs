/* global module */
// An in-process stand-in for the `vscode` module, enough for activate(): every register*/create*/on*
// call is recorded in `calls` and returns a disposable. Tests read and reset the record through
// globalThis.__fakeVscode (see install.ts). CommonJS, so that both require('vscode') and
// import 'vscode' can load it.
//
// `fake.dropCommands` is a set of command ids whose registerCommand calls are swallowed: a test uses
// it to prove that the registration check notices a missing registration.

const fake = (globalThis.__fakeVscode ??= { calls: [], dropCommands: new Set() });

const disposable = () => ({ dispose() {} });

/** A namespace whose every function records its call; listed values answer plainly. */
function namespace(name, values = {}) {
  return new Proxy(values, {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in target) return target[prop];
      return (...args) => {
        fake.calls.push({ api: `${name}.${prop}`, args });
        if (prop === 'getConfiguration') return { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => {} };
        if (prop === 'createDiagnosticCollection') return { set() {}, delete() {}, has: () => false, clear() {}, dispose() {} };
        if (prop === 'createFileSystemWatcher') return { onDidCreate: disposable, onDidChange: disposable, onDidDelete: disposable, dispose() {} };
        if (prop === 'createStatusBarItem') return { show() {}, hide() {}, dispose() {} };
        if (prop === 'createTreeView') return { visible: false, onDidChangeVisibility: disposable, dispose() {} };
        return disposable();
      };
    },
  });
}

const commands = namespace('commands', {
  registerCommand(id, handler) {
    if (fake.dropCommands.has(id)) return disposable();
    fake.calls.push({ api: 'commands.registerCommand', args: [id, handler] });
    return disposable();
  },
});
const workspace = namespace('workspace', { textDocuments: [], workspaceFolders: undefined, isTrusted: true });
const window = namespace('window', { activeTextEditor: undefined, visibleTextEditors: [], tabGroups: { all: [] } });
const languages = namespace('languages');
const env = namespace('env', { language: 'en' });
const extensions = namespace('extensions');
const l10n = namespace('l10n', { t: (s) => s });

class EventEmitter {
  listeners = [];
  event = (listener) => {
    this.listeners.push(listener);
    return disposable();
  };
  fire(value) {
    for (const l of this.listeners) l(value);
  }
  dispose() {}
}

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  dispose() {
    this.callOnDispose?.();
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
}

class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.path = path;
  }
  static parse(s) {
    const m = /^([a-z][\w+.-]*):(.*)$/i.exec(s);
    return new Uri(m ? m[1] : 'file', m ? m[2] : s);
  }
  static file(path) {
    return new Uri('file', path);
  }
  toString() {
    return `${this.scheme}:${this.path}`;
  }
}

const CodeActionKind = { QuickFix: { value: 'quickfix' }, Refactor: { value: 'refactor' }, Empty: { value: '' } };
const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
const ViewColumn = { Active: -1, Beside: -2, One: 1 };
const StatusBarAlignment = { Left: 1, Right: 2 };

// vscode.lm: the language-model tools activation registers (recorded like any namespace), and the
// classes a tool's result is built from.
const lm = namespace('lm', { tools: [] });
class LanguageModelTextPart {
  constructor(value) {
    this.value = value;
  }
}
class LanguageModelToolResult {
  constructor(content) {
    this.content = content;
  }
}
class CancellationError extends Error {}

const known = { commands, workspace, window, languages, env, extensions, l10n, lm, LanguageModelTextPart, LanguageModelToolResult, CancellationError, EventEmitter, Disposable, Uri, CodeActionKind, DiagnosticSeverity, ViewColumn, StatusBarAlignment };

// Any other API activation may reach for (vscode.lm, vscode.chat, vscode.tasks …, or a class such as
// LanguageModelTextPart) exists too: a namespace that records its calls, or a class that keeps its
// constructor arguments. (require() sees this proxy; an ESM import sees the names listed above.)
class Recorded {
  constructor(...args) {
    this.args = args;
  }
}
const extra = new Map();
module.exports = new Proxy(known, {
  get(target, prop) {
    if (typeof prop !== 'string') return undefined;
    if (prop in target) return target[prop];
    if (prop === '__esModule' || prop === 'default' || prop === 'then') return undefined;
    if (!extra.has(prop)) extra.set(prop, /^[A-Z]/.test(prop) ? class extends Recorded {} : namespace(prop));
    return extra.get(prop);
  },
});
