-- o11y-lint's client tier: Neovim (0.7, vim.lsp.start_client) opens each file and writes the diagnostics it receives.
-- nvim --headless -u NONE -i NONE -n -c 'filetype on' -c 'luafile neovim.lua'
-- O11Y_SERVER: dist/server.js; O11Y_FILES: space-separated files; O11Y_OUT: the output file.
-- Neovim sends the filetype as the language id. Output lines: "FILE name filetype" and "DIAG name line code message".
local out = {}
local id = vim.lsp.start_client({ name = 'o11y-lint', cmd = { 'node', os.getenv('O11Y_SERVER'), '--stdio' }, root_dir = vim.fn.getcwd() })
for _, f in ipairs(vim.split(os.getenv('O11Y_FILES'), ' ')) do
  vim.cmd('edit ' .. f)
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, id)
  vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
  table.insert(out, 'FILE ' .. f .. ' ' .. vim.bo[buf].filetype)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out, 'DIAG ' .. f .. ' ' .. (d.lnum + 1) .. ' ' .. tostring(code) .. ' ' .. d.message)
  end
end
vim.fn.writefile(out, os.getenv('O11Y_OUT'))
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qa!')
