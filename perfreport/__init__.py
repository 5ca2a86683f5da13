"""perfreport: 部门（单位）整体支出绩效自评报告 from one YAML file per unit.

The layers, each a module, each feeding the next:
    load      bytes -> Python data + the line/column of every value
    validate  data -> problems against schema.yaml (Cerberus)
    derive    valid data -> the figures of the report (pure, Decimal)
    audit     valid data + figures -> findings (警告 / 错误)
    render    figures -> .docx bytes (docxtpl)
    write     bytes -> file, atomically
"""
