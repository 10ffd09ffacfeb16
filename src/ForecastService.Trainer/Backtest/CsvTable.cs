using System.Globalization;
using System.Text;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// A CSV file with a header row, as R's <c>write.csv</c> writes it: fields may be quoted (<c>"a,b"</c>, with <c>""</c>
/// for a quote inside), headers included. Fields are looked up by column name, so extra columns and any column order
/// are accepted. Every problem is a <see cref="DataFileException"/> naming the file and line.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string file, Dictionary<string, int> columns, List<(int Line, string[] Fields)> rows)
    {
        File = file;
        _columns = columns;
        Rows = rows;
    }

    public string File { get; }

    /// <summary>Data rows with their 1-based line numbers in the file.</summary>
    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    public static CsvTable Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new DataFileException(path, null, "file not found");
        }

        Dictionary<string, int>? columns = null;
        var rows = new List<(int, string[])>();
        var lineNumber = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = Split(line, path, lineNumber);
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < fields.Length; i++)
                {
                    columns.TryAdd(fields[i].Trim().TrimStart('\uFEFF'), i);
                }

                continue;
            }

            if (fields.Length != columns.Count)
            {
                throw new DataFileException(path, lineNumber, $"expected {columns.Count} fields as in the header, found {fields.Length}");
            }

            rows.Add((lineNumber, fields));
        }

        return columns is null
            ? throw new DataFileException(path, null, "the file is empty (expected a header row)")
            : new CsvTable(path, columns, rows);
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Checks that every named column is present, so a missing one is reported before any row is read.</summary>
    public void Require(params string[] columns)
    {
        var missing = columns.Where(c => !_columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFileException(File, 1, $"missing column(s) {string.Join(", ", missing)} (has {string.Join(", ", _columns.Keys)})");
        }
    }

    public string Text((int Line, string[] Fields) row, string column) => row.Fields[Index(column)].Trim();

    public int Integer((int Line, string[] Fields) row, string column)
    {
        var text = Text(row, column);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DataFileException(File, row.Line, $"{column} '{text}' is not an integer");
    }

    /// <summary>A number; R's <c>NA</c>, <c>NaN</c>, <c>Inf</c> and an empty field read as non-finite values.</summary>
    public double Number((int Line, string[] Fields) row, string column)
    {
        var text = Text(row, column);
        return text switch
        {
            "" or "NA" or "NaN" => double.NaN,
            "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new DataFileException(File, row.Line, $"{column} '{text}' is not a number"),
        };
    }

    private int Index(string column) =>
        _columns.TryGetValue(column, out var index) ? index : throw new DataFileException(File, 1, $"missing column {column}");

    /// <summary>Splits one line into fields, removing the quotes of quoted fields.</summary>
    private static string[] Split(string line, string file, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new DataFileException(file, lineNumber, "a quoted field is not closed (fields spanning lines are not supported)");
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
