;;; planlint.el --- planlint language server through Eglot  -*- lexical-binding: t -*-

;; Put this file on `load-path' and `(require 'planlint)' from your init file,
;; or paste the forms below into it.  Needs Eglot: built into Emacs 29+, the
;; `eglot' package from GNU ELPA, or Debian's `elpa-eglot' on Emacs 28.
;; `planlint' must be on `exec-path' (e.g. after `cargo install --path .').

(require 'eglot)

;; Plain-text drafts as LSP "plaintext", Markdown drafts (with markdown-mode
;; installed) as "markdown".  Without markdown-mode a .md file opens in
;; fundamental-mode; planlint still treats it as Markdown by its extension.
(add-to-list 'eglot-server-programs
             '(((text-mode :language-id "plaintext")
                (markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown"))
               "planlint" "lsp"))

(defun planlint-eglot-ensure ()
  "Start Eglot with planlint in a draft buffer (.txt, .md or .markdown).
Other `text-mode' buffers (commit messages, Org files) are left alone."
  (when (and buffer-file-name
             (string-match-p "\\.\\(txt\\|md\\|markdown\\)\\'" buffer-file-name))
    (eglot-ensure)))

;; markdown-mode and gfm-mode derive from text-mode, so this hook covers them.
(add-hook 'text-mode-hook #'planlint-eglot-ensure)

;; Settings (message language, rule levels) go through the workspace
;; configuration, not `:initializationOptions': Eglot sends an empty
;; `workspace/didChangeConfiguration' right after connecting, which replaces
;; initialization options.  Per project, in .dir-locals.el at its root:
;;
;;   ((nil . ((eglot-workspace-configuration
;;             . (:planlint (:lang "en" :rules (:PL301 "off")))))))
;;
;; A planlint.toml in the project root is read as well (settings win).

(provide 'planlint)
;;; planlint.el ends here
