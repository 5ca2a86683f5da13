# 部门（单位）整体支出绩效自评报告 — `make help` lists the targets.
# The first target that needs Python creates .venv from the pinned requirements.

PYTHON ?= python3
VENV   := .venv
# UNIT reaches the recipes as an environment variable, used as "$$UNIT": the shell takes its
# value as one word and never runs what it holds (`...` or $(...)), and perfreport gets it
# after --, so it can never be read as an option (UNIT=-h). OUTLINE (make new) the same way,
# as --outline=VALUE: one argument, its value never an option of its own.
export UNIT OUTLINE FROM
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
CLI    := $(BIN)/perfreport
YAML_LS := 1.19.2

.DEFAULT_GOAL := help
.PHONY: help report new history import audit schema all check pdf-all test pdf preview template git-setup bench planted clean

help: ## 列出可用的命令
	@echo "用法：make <命令> [UNIT=单位名]"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-10s %s\n", $$1, $$2}'

# the console command `perfreport` (pyproject.toml) is the one way in: the targets below call
# it, and on Windows, without make, officers type the same commands (README: Windows)
$(READY): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --config-settings editable_mode=compat -e .
	@# the editor's language server, for the test that the editor and `check` agree (tests/unitfile/test_editor.py)
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node yaml-language-server@$(YAML_LS) >/dev/null; \
	else echo "没有 npm：编辑器与 make check 一致性的测试将跳过"; fi
	$(CLI) warm
	@touch $@

report: $(READY) ## 生成一个单位的报告：make report UNIT=hengshan
	@test -n "$$UNIT" || { echo "请指定单位：make report UNIT=hengshan" >&2; exit 2; }
	$(CLI) report $(if $(KEEP_COPY),--keep-copy) -- "$$UNIT"

new: $(READY) ## 新建一个单位（不覆盖已有的）：make new UNIT=xinhua [OUTLINE=四部分]；从去年的：make new UNIT=xinhua2024 FROM=xinhua2023
	@test -n "$$UNIT" || { echo "请指定单位：make new UNIT=xinhua" >&2; exit 2; }
	$(CLI) new $(if $(OUTLINE),--outline="$$OUTLINE") $(if $(FROM),--from="$$FROM") -- "$$UNIT"

history: $(READY) ## 一个单位各年度的主要数字并排列出：make history UNIT=hengshan
	@test -n "$$UNIT" || { echo "请指定单位：make history UNIT=hengshan" >&2; exit 2; }
	$(CLI) history -- "$$UNIT"

import: $(READY) ## 把已有的报告读成单位文件草稿（不覆盖已有的）：make import FILE=去年的报告.docx UNIT=xinhua [FORMS=附表.xlsx]
	@test -n "$$FILE" || { echo "请指定报告文件：make import FILE=去年的报告.docx UNIT=xinhua" >&2; exit 2; }
	$(CLI) import $(if $(FORMS),--forms="$$FORMS") -- "$$FILE" $(if $(UNIT),"$$UNIT")

audit: $(READY) ## 审核收到的报告（不写 YAML）：make audit FILE=收到的报告.docx（或一个文件夹）
	@test -n "$$FILE" || { echo "请指定报告文件或文件夹：make audit FILE=收到的报告.docx" >&2; exit 2; }
	$(CLI) audit -- "$$FILE"

pdf: report ## 生成报告并转成 PDF 预览：make pdf UNIT=hengshan（需要 LibreOffice）
	$(CLI) pdf -- "$$UNIT"

pdf-all: $(READY) ## 把全部单位的 .docx 一次转成 PDF（需要 LibreOffice；先 make all）
	$(CLI) pdf

preview: report ## 把报告转成 PDF，每页转成 PNG，放在 build/preview/<单位>/
	$(CLI) preview -- "$$UNIT"

template: $(READY) ## 重新生成 templates/report.docx（改了 templates/build.py 之后）
	$(CLI) template

schema: $(READY) ## 重新生成 schema.json（改了 schema.yaml 之后；编辑器补全用）
	$(CLI) schema

all: $(READY) ## 并行生成全部单位的报告，写出汇总 reports/SUMMARY.md 和 SUMMARY.xlsx（不提交）
	$(CLI) all $(if $(KEEP_COPY),--keep-copy) $(if $(FORCE),--force)

check: $(READY) ## 校验并审核 reports/ 下的全部单位（或 UNIT=… 一个），并核对提交的 .docx 是否最新、是否被手工改过
	$(CLI) check $(if $(FORCE),--force) $(if $(UNIT),-- "$$UNIT")

test: $(READY) ## 运行全部测试
	$(CLI) test

git-setup: $(READY) ## 让 git diff 以文字显示 .docx 报告、按字比较中文（每个克隆运行一次）
	$(CLI) git-setup

bench: $(READY) ## 性能测试：1000 个真实单位的 all 和 check、一个单位与 docxtpl 基线之比、项目数增长、内存
	$(CLI) bench

planted: $(READY) ## 审核的植入检查：在真实单位的副本里逐处植入不一致，每处应恰好得到一条警告
	$(CLI) planted

clean: ## 删除虚拟环境和缓存
	rm -rf $(VENV) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
