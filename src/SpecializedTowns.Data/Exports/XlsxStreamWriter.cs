using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SpecializedTowns.Data.Exports;

/// <summary>
/// Writes .xlsx row by row into a ZipArchive opened for creation only, so memory stays flat however long the sheet.
/// OpenXml's SpreadsheetDocument.Create opens its package read-write, and System.IO.Packaging then keeps every part
/// in memory until the document is closed (ZipArchiveMode.Update): a million rows would be held whole. The few parts
/// an .xlsx needs are written here by hand instead: inline strings (no shared-string table to build), numbers as
/// numbers, dates as dates, a bold frozen header with a filter.
/// </summary>
public sealed class XlsxStreamWriter : IDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Style indexes of styles.xml below.
    private const int HeaderStyle = 1, TextStyle = 2, DateStyle = 3, DateTimeStyle = 4, MoneyStyle = 5;

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };
    private static readonly DateTime Epoch = new(1899, 12, 30);
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly ZipArchive zip;
    private readonly List<(string Name, string Filter)> sheets = [];
    private XmlWriter? sheet;
    private int row, columns;
    private bool[] money = [];
    private bool disposed;

    public XlsxStreamWriter(Stream output) => zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);

    public long RowsWritten { get; private set; }

    /// <summary>Starts a sheet with its header row; widths in characters (null: guessed from the header).</summary>
    public void BeginSheet(string name, IReadOnlyList<string> header, IReadOnlyList<double>? widths = null)
    {
        EndSheet();
        sheets.Add((SafeName(name, sheets.Count + 1), ""));
        sheet = XmlWriter.Create(zip.CreateEntry($"xl/worksheets/sheet{sheets.Count}.xml", CompressionLevel.Optimal).Open(), Settings);
        row = 0;
        columns = header.Count;
        money = header.Select(IsMoney).ToArray();
        var w = sheet;
        w.WriteStartDocument(true);
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("sheetViews");
        w.WriteStartElement("sheetView");
        w.WriteAttributeString("workbookViewId", "0");
        w.WriteStartElement("pane");
        w.WriteAttributeString("ySplit", "1");
        w.WriteAttributeString("topLeftCell", "A2");
        w.WriteAttributeString("activePane", "bottomLeft");
        w.WriteAttributeString("state", "frozen");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        if (header.Count > 0)
        {
            w.WriteStartElement("cols");
            for (var i = 0; i < header.Count; i++)
            {
                var width = widths is { } ws && i < ws.Count ? ws[i] : Math.Clamp(header[i].Length * 2.2 + 4, 8, 40);
                w.WriteStartElement("col");
                w.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("width", width.ToString("0.##", CultureInfo.InvariantCulture));
                w.WriteAttributeString("customWidth", "1");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteStartElement("sheetData");
        Row(header.Cast<object?>().ToList(), header: true);
    }

    /// <summary>One data row: null leaves a cell empty; numbers stay numbers, DateOnly and DateTime (UTC, shown in China time) become dates.</summary>
    public void WriteRow(IReadOnlyList<object?> values)
    {
        if (sheet is null) throw new InvalidOperationException("BeginSheet first");
        Row(values, header: false);
        RowsWritten++;
    }

    private void Row(IReadOnlyList<object?> values, bool header)
    {
        var w = sheet!;
        row++;
        var r = row.ToString(CultureInfo.InvariantCulture);
        w.WriteStartElement("row");
        w.WriteAttributeString("r", r);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            // Cells carry no reference of their own (it is optional): a third of the sheet's size for a long export.
            w.WriteStartElement("c");
            switch (value)
            {
                case null:
                    // An empty cell is still written, so readers that count cells keep each value under its header.
                    break;
                case int or long or short or byte or uint or decimal:
                    if (!header && i < money.Length && money[i]) w.WriteAttributeString("s", MoneyStyle.ToString(CultureInfo.InvariantCulture));
                    w.WriteStartElement("v");
                    w.WriteString(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    w.WriteEndElement();
                    break;
                case double or float when Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && double.IsFinite(d):
                    if (!header && i < money.Length && money[i]) w.WriteAttributeString("s", MoneyStyle.ToString(CultureInfo.InvariantCulture));
                    w.WriteStartElement("v");
                    w.WriteString(d.ToString("R", CultureInfo.InvariantCulture));
                    w.WriteEndElement();
                    break;
                case DateOnly date:
                    Serial(w, date.DayNumber - DateOnly.FromDateTime(Epoch).DayNumber, DateStyle);
                    break;
                case DateTime time:
                    var local = (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time) + ChinaOffset;
                    Serial(w, (local - Epoch).TotalDays, DateTimeStyle);
                    break;
                case DateTimeOffset offset:
                    Serial(w, (offset.ToOffset(ChinaOffset).DateTime - Epoch).TotalDays, DateTimeStyle);
                    break;
                default:
                    // Inline strings keep the writer streaming; a leading = is text here, never a formula.
                    var text = value is bool b ? (b ? "是" : "否") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                    w.WriteAttributeString("t", "inlineStr");
                    w.WriteAttributeString("s", header ? "1" : "2");
                    w.WriteStartElement("is");
                    w.WriteStartElement("t");
                    if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                        w.WriteAttributeString("xml", "space", null, "preserve");
                    w.WriteString(Clean(text));
                    w.WriteEndElement();
                    w.WriteEndElement();
                    break;
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>
    /// A money column is one whose header names its unit as 万元 (“总投资（万元）”), the platform's one unit for money: every
    /// export and workbook writes it so. Its figures get thousands separators and two decimals, as a clerk formats them.
    /// </summary>
    public static bool IsMoney(string header) => header.Contains("（万元）", StringComparison.Ordinal) || header.Contains("(万元)", StringComparison.Ordinal);

    private static void Serial(XmlWriter w, double serial, int style)
    {
        w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        w.WriteStartElement("v");
        w.WriteString(Math.Round(serial, 8).ToString("R", CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private void EndSheet()
    {
        if (sheet is null) return;
        sheet.WriteEndElement(); // sheetData
        if (columns > 0)
        {
            var range = $"A1:{ColumnName(columns - 1)}{Math.Max(row, 1)}";
            sheet.WriteStartElement("autoFilter");
            sheet.WriteAttributeString("ref", range);
            sheet.WriteEndElement();
            sheets[^1] = (sheets[^1].Name, range);
        }
        sheet.WriteEndElement(); // worksheet
        sheet.WriteEndDocument();
        sheet.Dispose();
        sheet = null;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        EndSheet();
        if (sheets.Count == 0)
        {
            // A workbook needs at least one sheet to open.
            sheets.Add(("Sheet1", ""));
            EmptySheet();
        }
        Part("[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, "xml", "application/xml");
            Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= sheets.Count; i++)
                Override(w, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            w.WriteEndElement();
        });
        Part("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", Rels);
            Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", Rels);
            for (var i = 1; i <= sheets.Count; i++)
                Relationship(w, $"rId{i}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i}.xml");
            Relationship(w, $"rId{sheets.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
            w.WriteEndElement();
        });
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, RelNs);
            w.WriteStartElement("sheets");
            for (var i = 0; i < sheets.Count; i++)
            {
                w.WriteStartElement("sheet");
                w.WriteAttributeString("name", sheets[i].Name);
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", RelNs, $"rId{i + 1}");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            if (sheets.Any(s => s.Filter.Length > 0))
            {
                w.WriteStartElement("definedNames");
                for (var i = 0; i < sheets.Count; i++)
                {
                    if (sheets[i].Filter.Length == 0) continue;
                    w.WriteStartElement("definedName");
                    w.WriteAttributeString("name", "_xlnm._FilterDatabase");
                    w.WriteAttributeString("localSheetId", i.ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("hidden", "1");
                    var cells = sheets[i].Filter.Split(':');
                    w.WriteString($"'{sheets[i].Name.Replace("'", "''")}'!{Absolute(cells[0])}:{Absolute(cells[1])}");
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
        using (var styles = new StreamWriter(zip.CreateEntry("xl/styles.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false)))
            styles.Write("""<?xml version="1.0" encoding="utf-8" standalone="yes"?>""" + StylesXml);
        zip.Dispose();
    }

    private void EmptySheet() => Part("xl/worksheets/sheet1.xml", w =>
    {
        w.WriteStartElement("worksheet", Main);
        w.WriteElementString("sheetData", Main, "");
        w.WriteEndElement();
    });

    private void Part(string name, Action<XmlWriter> write)
    {
        using var w = XmlWriter.Create(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), Settings);
        w.WriteStartDocument(true);
        write(w);
        w.WriteEndDocument();
    }

    private static void Default(XmlWriter w, string extension, string type)
    {
        w.WriteStartElement("Default");
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string part, string type)
    {
        w.WriteStartElement("Override");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship");
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    private static string Absolute(string cell)
    {
        var split = cell.IndexOfAny("0123456789".ToCharArray());
        return $"${cell[..split]}${cell[split..]}";
    }

    /// <summary>A, B, … Z, AA, AB, …</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // XML 1.0 forbids most control characters; a pasted value with one would make the file unreadable.
    private static string Clean(string text)
    {
        foreach (var c in text)
            if (c < ' ' && c is not ('\t' or '\n' or '\r')) return new string(text.Where(x => x is '\t' or '\n' or '\r' || x >= ' ').ToArray());
        return text;
    }

    private static string SafeName(string name, int number)
    {
        var cleaned = new string(name.Where(c => !"[]:*?/\\".Contains(c)).ToArray()).Trim('\'');
        return cleaned.Length > 31 ? cleaned[..31] : cleaned.Length == 0 ? $"Sheet{number}" : cleaned;
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rels = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // 0 plain, 1 bold header, 2 text wrapped at the top, 3 date 2024年3月5日, 4 date and time, 5 money 25,000.00 (万元).
    private const string StylesXml =
        """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""" +
        """<numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; hh:mm"/><numFmt numFmtId="178" formatCode="#,##0.00"/></numFmts>""" +
        """<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>""" +
        """<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>""" +
        """<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>""" +
        """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""" +
        """<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>""" +
        """<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>""" +
        """<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>""" +
        """<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>""" +
        """<xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>""" +
        """<xf numFmtId="178" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>""" +
        """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>""" +
        """</styleSheet>""";
}
