import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createGasFake, formula, readFormulas, readSheet, sheetFromValues } from './gas';

const NOW = new Date('2019-03-31T00:00:00Z'); // 09:00 in Seoul
const seoul = (iso: string) => new Date(`${iso}+09:00`);

function setup() {
  const fake = createGasFake({ now: () => NOW });
  return { fake, s: fake.services };
}

describe('Range.setValues', () => {
  it('throws on a row-count mismatch and writes nothing', () => {
    const { fake, s } = setup();
    sheetFromValues(fake, 'T', [['a', 'b']], { grid: 'new' });
    const range = s.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('T')!.getRange(1, 1, 3, 2);
    expect(() =>
      range.setValues([
        ['x', 'y'],
        ['z', 'w'],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(readSheet(fake, 'T')).toEqual([['a', 'b']]);
  });

  it('throws on a column mismatch in any row and writes nothing (not even the good rows)', () => {
    const { fake, s } = setup();
    sheetFromValues(fake, 'T', [['a', 'b']], { grid: 'new' });
    const range = s.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('T')!.getRange('A1:B2');
    let err: unknown;
    try {
      range.setValues([['x', 'y'], ['only one']]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(readSheet(fake, 'T')).toEqual([['a', 'b']]);
  });

  it('writes a matching block, grows the data and reads user-entered strings like Sheets', () => {
    const { fake, s } = setup();
    const sheet = s.SpreadsheetApp.getActiveSpreadsheet().insertSheet('W');
    sheet.getRange(2, 1, 1, 1).setNumberFormat('@');
    sheet.getRange(1, 1, 2, 4).setValues([
      ['=SUM(1,2)', "'=not a formula", '1,234', 'TRUE'],
      ['=text in a @ cell', '2019-03-31', '09:30', 'hello'],
    ]);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getLastColumn()).toBe(4);
    const values = readSheet(fake, 'W');
    expect(values[0]).toEqual(['', '=not a formula', 1234, true]);
    expect(values[1]?.[0]).toBe('=text in a @ cell');
    expect(values[1]?.[1]).toEqual(seoul('2019-03-31T00:00:00'));
    expect(sheet.getRange('C2').getDisplayValue()).toBe('9:30:00');
    expect(readFormulas(fake, 'W')[0]?.[0]).toBe('=SUM(1,2)');
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(1,2)');
  });
});

describe('Range.getValues', () => {
  it("gives '' for blanks, numbers as numbers and fresh Date copies", () => {
    const { fake, s } = setup();
    const d = seoul('2019-04-01T10:00:00');
    sheetFromValues(
      fake,
      'T',
      [
        ['제목', 12, d],
        ['', null, undefined],
      ],
      { grid: 'new' },
    );
    const range = s.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('T')!.getRange(1, 1, 3, 4);
    const v1 = range.getValues();
    expect(v1).toEqual([
      ['제목', 12, d, ''],
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
    const date1 = v1[0]?.[2] as Date;
    expect(date1).toBeInstanceOf(Date);
    date1.setFullYear(2000);
    const date2 = range.getValues()[0]?.[2] as Date;
    expect(date2).not.toBe(date1);
    expect(date2.getTime()).toBe(d.getTime());
    expect(range.getDisplayValues()[0]).toEqual(['제목', '12', '2019-04-01 10:00:00', '']);
  });

  it('getDataRange of an empty sheet is A1:A1 with one blank cell', () => {
    const { s } = setup();
    const sheet = s.SpreadsheetApp.getActiveSheet();
    const r = sheet.getDataRange();
    expect(r.getA1Notation()).toBe('A1');
    expect(r.getValues()).toEqual([['']]);
    expect(sheet.getLastRow()).toBe(0);
  });

  it('a sheet made in Sheets is 1000 × 26; an imported or trimmed one is exactly its data', () => {
    const { fake, s } = setup();
    const ss = s.SpreadsheetApp.getActiveSpreadsheet();
    const made = ss.insertSheet('새 시트');
    expect([made.getMaxRows(), made.getMaxColumns()]).toEqual([1000, 26]);
    sheetFromValues(fake, 'T', [
      ['a', 'b', 'c'],
      [1, 2, 3],
    ]);
    const trimmed = ss.getSheetByName('T')!;
    expect([trimmed.getMaxRows(), trimmed.getMaxColumns()]).toEqual([2, 3]);
    expect(trimmed.getRange(1, 1, 2, 3).getValues()).toEqual([
      ['a', 'b', 'c'],
      [1, 2, 3],
    ]);
    expect(() => trimmed.getRange(1, 4)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => trimmed.getRange(3, 1, 1, 3)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    trimmed.insertColumnsAfter(3, 2);
    trimmed.getRange(1, 5).setValue('e');
    expect(readSheet(fake, 'T')[0]).toEqual(['a', 'b', 'c', '', 'e']);
    sheetFromValues(fake, 'N', [['x']], { grid: 'new' });
    expect(fake.spreadsheet.sheet('N')?.maxColumns).toBe(26);
  });

  it('a formula cell reads as its computed value; getFormulas gives the formula', () => {
    const { fake, s } = setup();
    sheetFromValues(fake, 'F', [
      ['과목', '예산액'],
      ['기관운영', formula('=1000*12', 12000)],
    ]);
    const range = s.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('F')!.getDataRange();
    expect(range.getValues()).toEqual([
      ['과목', '예산액'],
      ['기관운영', 12000],
    ]);
    expect(range.getFormulas()).toEqual([
      ['', ''],
      ['', '=1000*12'],
    ]);
    expect(range.getDisplayValues()[1]).toEqual(['기관운영', '12000']);
  });

  it('getRange outside the sheet throws like Sheets', () => {
    const { s } = setup();
    const sheet = s.SpreadsheetApp.getActiveSheet();
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getRange(1005, 1).getValue()).toBe('');
  });
});

describe('Spreadsheet', () => {
  it('getSheetByName returns null for a missing sheet', () => {
    const { s } = setup();
    expect(s.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('없는 시트')).toBeNull();
  });

  it('insertSheet throws for a duplicate name and keeps one sheet', () => {
    const { fake, s } = setup();
    const ss = s.SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet('일정');
    expect(() => ss.insertSheet('일정')).toThrow(
      'A sheet with the name "일정" already exists. Please enter another name.',
    );
    expect(fake.spreadsheet.sheets.map((x) => x.name)).toEqual(['시트1', '일정']);
    expect(ss.getActiveSheet().getName()).toBe('일정');
  });

  it('records menus, alerts and toasts', () => {
    const { fake, s } = setup();
    const ui = s.SpreadsheetApp.getUi();
    ui.createMenu('시정 데스크')
      .addItem('업무보고 만들기', 'menuReport')
      .addSeparator()
      .addSubMenu(ui.createMenu('설정').addItem('초기 설정', 'menuSetup'))
      .addToUi();
    expect(ui.alert('완료')).toBe(ui.Button.OK);
    s.SpreadsheetApp.getActiveSpreadsheet().toast('저장했습니다', '시정 데스크');
    expect(fake.ui.menus[0]?.title).toBe('시정 데스크');
    expect(fake.ui.menuFunctionNames()).toEqual(['menuReport', 'menuSetup']);
    expect(fake.ui.alerts[0]?.prompt).toBe('완료');
    expect(fake.ui.toasts[0]?.message).toBe('저장했습니다');
  });
});

describe('call counting', () => {
  it('counts every call per method; helpers are not counted; reset clears', () => {
    const { fake, s } = setup();
    sheetFromValues(fake, 'T', [[1, 2]]);
    readSheet(fake, 'T');
    expect(fake.calls.total).toBe(0);
    const sheet = s.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('T')!;
    sheet.getRange(1, 1, 1, 2).getValues();
    sheet.getRange('A1').setValue(3);
    s.PropertiesService.getScriptProperties().setProperty('k', 'v');
    expect(fake.calls.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.getValues': 1,
      'Range.setValue': 1,
      'PropertiesService.getScriptProperties': 1,
      'Properties.setProperty': 1,
    });
    expect(fake.calls.total).toBe(8);
    expect(fake.calls.count('Range')).toBe(2);
    expect(fake.calls.count('Sheet')).toBe(2); // not 'SpreadsheetApp.*'
    fake.calls.reset();
    expect(fake.calls.total).toBe(0);
    expect(fake.calls.byMethod).toEqual({});
  });
});

describe('fault injection', () => {
  it('makes the k-th calendar call and every later one throw until recover()', () => {
    const fake = createGasFake({ now: () => NOW, failAfter: { service: 'calendar', calls: 3 } });
    const s = fake.services;
    fake.addCalendar('team@group.calendar.google.com', '팀');
    const cal = s.CalendarApp.getCalendarById('team@group.calendar.google.com')!; // 1
    cal.createEvent('회의', seoul('2019-04-01T10:00:00'), seoul('2019-04-01T11:00:00')); // 2
    expect(() => cal.createEvent('두 번째', seoul('2019-04-02T10:00:00'), seoul('2019-04-02T11:00:00'))).toThrow(
      /Service invoked too many times/,
    ); // 3
    expect(() => cal.getName()).toThrow(/Service invoked too many times/); // 4
    s.SpreadsheetApp.getActiveSheet(); // other services are untouched
    expect(
      fake
        .calendar('team@group.calendar.google.com')
        .events()
        .map((e) => e.title),
    ).toEqual(['회의']);
    fake.recover();
    expect(cal.getName()).toBe('팀');
  });

  it("'all' counts calls to every service", () => {
    const { fake, s } = setup();
    fake.failAfter({ service: 'all', calls: 2, message: '서비스 오류' });
    s.Session.getScriptTimeZone();
    expect(() => s.Utilities.getUuid()).toThrow('서비스 오류');
    expect(() => s.MailApp.getRemainingDailyQuota()).toThrow('서비스 오류');
  });
});

describe('CalendarApp', () => {
  it('getCalendarById returns null for an unknown id', () => {
    const { s } = setup();
    expect(s.CalendarApp.getCalendarById('nobody@group.calendar.google.com')).toBeNull();
    expect(s.CalendarApp.getDefaultCalendar().getId()).toBe('user@example.com');
  });

  it('finds events by window, id and tag; a user edit shows up', () => {
    const { fake, s } = setup();
    const handle = fake.addCalendar('c1', '일정');
    const cal = s.CalendarApp.getCalendarById('c1')!;
    const ev = cal.createEvent('간부회의', seoul('2019-04-01T10:00:00'), seoul('2019-04-01T11:00:00'), {
      location: '3층',
    });
    ev.setTag('rowKey', 'r-1');
    cal.createAllDayEvent('체육대회', seoul('2019-04-03T15:00:00'));
    expect(ev.getId()).toMatch(/^[0-9a-f]{26}@google\.com$/);
    const window = cal.getEvents(seoul('2019-04-01T00:00:00'), seoul('2019-04-02T00:00:00'));
    expect(window.map((e) => e.getTitle())).toEqual(['간부회의']);
    expect(cal.getEventById(ev.getId())?.getTag('rowKey')).toBe('r-1');
    expect(cal.getEventById('missing@google.com')).toBeNull();
    const allDay = cal.getEventsForDay(seoul('2019-04-03T00:00:00'))[0]!;
    expect(allDay.isAllDayEvent()).toBe(true);
    expect(allDay.getAllDayEndDate().getTime()).toBe(seoul('2019-04-04T00:00:00').getTime());

    handle.userEdit(ev.getId(), {
      title: '간부회의(변경)',
      start: seoul('2019-04-01T14:00:00'),
      end: seoul('2019-04-01T15:00:00'),
    });
    const moved = cal.getEventById(ev.getId())!;
    expect(moved.getTitle()).toBe('간부회의(변경)');
    expect(moved.getStartTime().getTime()).toBe(seoul('2019-04-01T14:00:00').getTime());
    moved.deleteEvent();
    expect(cal.getEventById(ev.getId())).toBeNull();
  });

  it('expands a weekly series in the window; occurrences share the series id', () => {
    const { s } = setup();
    const cal = s.CalendarApp.getDefaultCalendar();
    const rec = s.CalendarApp.newRecurrence().addWeeklyRule().interval(1).times(3);
    const series = cal.createEventSeries('주간회의', seoul('2019-04-01T09:00:00'), seoul('2019-04-01T10:00:00'), rec);
    const occ = cal.getEvents(seoul('2019-03-01T00:00:00'), seoul('2019-06-01T00:00:00'));
    expect(occ.map((e) => e.getStartTime().getTime())).toEqual(
      ['2019-04-01', '2019-04-08', '2019-04-15'].map((d) => seoul(`${d}T09:00:00`).getTime()),
    );
    expect(new Set(occ.map((e) => e.getId()))).toEqual(new Set([series.getId()]));
    expect(occ[0]?.isRecurringEvent()).toBe(true);
  });
});

describe('ScriptApp triggers', () => {
  it('creates, lists and deletes triggers', () => {
    const { fake, s } = setup();
    const t = s.ScriptApp.newTrigger('weeklySummary')
      .timeBased()
      .onWeekDay(s.ScriptApp.WeekDay.MONDAY)
      .atHour(8)
      .nearMinute(30)
      .inTimezone('Asia/Seoul')
      .create();
    expect(t.getHandlerFunction()).toBe('weeklySummary');
    expect(t.getEventType()).toBe(s.ScriptApp.EventType.CLOCK);
    expect(fake.triggers[0]?.clock).toEqual({ onWeekDay: 'MONDAY', atHour: 8, nearMinute: 30, timeZone: 'Asia/Seoul' });
    const list = s.ScriptApp.getProjectTriggers();
    expect(list.map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
    s.ScriptApp.deleteTrigger(list[0]!);
    expect(s.ScriptApp.getProjectTriggers()).toEqual([]);
    expect(() => s.ScriptApp.newTrigger('x').timeBased().everyMinutes(7)).toThrow();
  });
});

describe('MailApp quota', () => {
  it('decrements per recipient and throws when exhausted, sending nothing', () => {
    const fake = createGasFake({ now: () => NOW, mailQuota: 3 });
    const mailApp = fake.services.MailApp;
    mailApp.sendEmail('a@example.com, b@example.com', '주간 요약', '본문', {
      htmlBody: '<p>본문</p>',
      name: '시정 데스크',
    });
    expect(mailApp.getRemainingDailyQuota()).toBe(1);
    expect(fake.mail.sent[0]).toMatchObject({
      to: 'a@example.com,b@example.com',
      htmlBody: '<p>본문</p>',
      name: '시정 데스크',
    });
    expect(() => mailApp.sendEmail({ to: 'c@example.com', cc: 'd@example.com', subject: 's', body: 'b' })).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(fake.mail.sent).toHaveLength(1);
    mailApp.sendEmail({ to: 'c@example.com', subject: 's', body: 'b' });
    expect(mailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => mailApp.sendEmail('e@example.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
  });
});

describe('other services', () => {
  it('Utilities.formatDate uses the given zone; computeDigest gives signed bytes', () => {
    const { s } = setup();
    const d = new Date('2019-03-31T15:30:00Z'); // Monday 00:30 in Seoul
    expect(s.Utilities.formatDate(d, 'Asia/Seoul', 'yyyy-MM-dd HH:mm:ss E')).toBe('2019-04-01 00:30:00 Mon');
    expect(s.Utilities.formatDate(d, 'America/Los_Angeles', 'yyyy-MM-dd HH:mm')).toBe('2019-03-31 08:30');
    const md5 = s.Utilities.computeDigest(s.Utilities.DigestAlgorithm.MD5, 'abc', s.Utilities.Charset.UTF_8);
    // md5('abc') = 90 01 50 98 …: 0x90 is -112 as a Java byte
    expect(md5.slice(0, 4)).toEqual([-112, 1, 80, -104]);
  });

  it('Properties store strings; locks see someone else holding them', () => {
    const { fake, s } = setup();
    const props = s.PropertiesService.getScriptProperties();
    props.setProperty('n', 5 as unknown as string);
    expect(props.getProperty('n')).toBe('5');
    expect(props.getProperty('missing')).toBeNull();
    fake.holdLock();
    const lock = s.LockService.getScriptLock();
    expect(lock.tryLock(1000)).toBe(false);
    expect(() => lock.waitLock(1000)).toThrow('Lock timeout');
    fake.releaseLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
  });

  it('Drive.Files.create converts HTML into a Google Doc the test can read', () => {
    const { fake, s } = setup();
    const folder = fake.drive.addFolder('보고서');
    const blob = s.Utilities.newBlob('<h1>업무보고</h1>', 'text/html', 'report.html');
    const file = s.Drive.Files.create(
      { name: '업무보고 2019-03-31', mimeType: 'application/vnd.google-apps.document', parents: [folder] },
      blob,
      { fields: 'id,name,webViewLink' },
    );
    expect(file.webViewLink).toBe(`https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`);
    expect(fake.drive.files.get(file.id!)?.html).toBe('<h1>업무보고</h1>');
    expect(s.DriveApp.getFileById(file.id!).getName()).toBe('업무보고 2019-03-31');
    expect(() => s.DriveApp.getFileById('nope')).toThrow('No item with the given ID could be found');
  });

  it('Utilities.newBlob takes a Byte[] of signed bytes, not a typed array, and a folder saves it as a file', () => {
    const { fake, s } = setup();
    const folder = fake.drive.addFolder('보고서');
    const blob = s.Utilities.newBlob([80, 75, -1, -128, 127], 'application/hwp+zip', 'a.hwpx');
    const file = s.DriveApp.getFolderById(folder).createFile(blob);
    const saved = fake.drive.files.get(file.getId());
    expect([saved?.name, saved?.mimeType, saved?.parents]).toEqual(['a.hwpx', 'application/hwp+zip', [folder]]);
    expect([...(saved?.bytes ?? [])]).toEqual([80, 75, 255, 128, 127]);
    expect(() => s.Utilities.newBlob(new Uint8Array([1]) as unknown as number[])).toThrow(
      /don't match the method signature/,
    );
    expect(() => s.Utilities.newBlob([200])).toThrow(/don't match the method signature/);
  });

  it('runs in a node:vm context with realm-local Dates', () => {
    const { fake } = setup();
    sheetFromValues(fake, 'T', [[seoul('2019-04-01T00:00:00')]]);
    const context = vm.createContext({ ...fake.globals });
    fake.useRealm(vm.runInContext('({ Date })', context) as { Date: DateConstructor });
    const result = vm.runInContext(
      `var v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('T').getRange(1, 1).getValue();
       [v instanceof Date, Utilities.formatDate(v, Session.getScriptTimeZone(), 'yyyy-MM-dd')]`,
      context,
    ) as unknown[];
    expect([...result]).toEqual([true, '2019-04-01']);
  });

  it('arrays, data objects and Exceptions arrive as the script realm’s own (as in Apps Script)', () => {
    const { fake } = setup();
    sheetFromValues(fake, 'T', [['a', 1]]);
    const context = vm.createContext({ ...fake.globals });
    fake.useRealm(vm.runInContext('({ Date, Array, Object, Error })', context) as Parameters<typeof fake.useRealm>[0]);
    const result = vm.runInContext(
      `var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('T');
       var rows = sheet.getDataRange().getValues();
       var props = PropertiesService.getDocumentProperties().getProperties();
       var caught;
       try { sheet.getRange(5, 1); } catch (e) { caught = e; }
       [rows instanceof Array, rows[0] instanceof Array, Object.getPrototypeOf(props) === Object.prototype,
        caught instanceof Error, caught.message, String(caught)]`,
      context,
    ) as unknown[];
    expect([...result]).toEqual([
      true,
      true,
      true,
      true,
      'The coordinates of the range are outside the dimensions of the sheet.',
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    ]);
  });
});
