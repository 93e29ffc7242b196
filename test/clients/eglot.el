;;; eglot.el --- o11y-lint's client tier: Emacs (eglot) opens each file and prints the diagnostics it receives.
;; emacs --batch --no-init-file -l eglot.el FILE...  (O11Y_SERVER: dist/server.js)
;; Each major mode gets its own server entry, as users configure eglot; eglot sends the language id it derives
;; from the major mode: python-mode -> "python", js-mode -> "js" (not "javascript"), typescript-mode -> "typescript".
;; Output lines: "FILE name language-id" and "DIAG name line text".
(require 'eglot)
(require 'flymake)
;; Emacs 28 has no TypeScript mode of its own: this is what the typescript-mode package gives a user.
(unless (fboundp 'typescript-mode) (define-derived-mode typescript-mode js-mode "TypeScript"))
(add-to-list 'auto-mode-alist '("\\.ts\\'" . typescript-mode))
(let ((server (list "node" (getenv "O11Y_SERVER") "--stdio")))
  (setq eglot-server-programs (list (cons 'python-mode server) (cons 'js-mode server) (cons 'typescript-mode server))))
(setq eglot-sync-connect t)
(let ((buffers (mapcar (lambda (f) (find-file-noselect (expand-file-name f))) command-line-args-left)))
  (dolist (b buffers) (with-current-buffer b (apply #'eglot (eglot--guess-contact))))
  (dolist (b buffers)
    (with-current-buffer b
      (let ((deadline (+ (float-time) 60)))
        ;; Flymake starts its backends on an idle timer, which never fires in batch mode: start it by hand.
        (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
          (flymake-start)
          (accept-process-output nil 0.2)))
      (princ (format "FILE %s %s\n" (file-name-nondirectory buffer-file-name) (eglot--language-id (eglot-current-server))))
      (dolist (d (flymake-diagnostics))
        (princ (format "DIAG %s %d %s\n" (file-name-nondirectory buffer-file-name) (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))))))
(setq command-line-args-left nil)
(ignore-errors (eglot-shutdown-all))
(kill-emacs 0)
