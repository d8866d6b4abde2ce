// Writes a realistic Apple Health export.xml for the import tests: Apple's own header (XML
// declaration, the internal DTD of HealthKit Export Version 13, ExportDate, Me), thousands of
// <Record>s of the supported types in the units iPhones write (lb and kg, fractions for body
// fat, kJ, fl_oz_us, mg/dL, inches, sleep stages), repeated samples, out-of-range samples, and
// what the import skips (unsupported types, a blood-pressure Correlation, Workouts, activity
// summaries). Alongside the XML it returns what the import must make of it, computed here
// independently of the server.

// The DTD Apple ships at the top of every export.xml (HealthKit Export Version 13), abridged
// only in the element types the generator never writes.
const DTD = `<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth                   CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex                 CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType                     CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse   CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ATTLIST Correlation
  type          CDATA #REQUIRED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  totalEnergyBurned     CDATA #IMPLIED
  totalEnergyBurnedUnit CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutEvent EMPTY>
<!ATTLIST WorkoutEvent
  type         CDATA #REQUIRED
  date         CDATA #REQUIRED
  duration     CDATA #IMPLIED
  durationUnit CDATA #IMPLIED
>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
  dateComponents           CDATA #IMPLIED
  activeEnergyBurned       CDATA #IMPLIED
  activeEnergyBurnedGoal   CDATA #IMPLIED
  activeEnergyBurnedUnit   CDATA #IMPLIED
  appleExerciseTime        CDATA #IMPLIED
  appleExerciseTimeGoal    CDATA #IMPLIED
  appleStandHours          CDATA #IMPLIED
  appleStandHoursGoal      CDATA #IMPLIED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
]>`;

const PHONE = 'sourceName="Ann’s iPhone" sourceVersion="17.2" device="&lt;&lt;HKDevice: ' +
  '0x2837e1a80&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone15,2, ' +
  'software:17.2&gt;"';
const WATCH = 'sourceName="Ann’s Apple Watch" sourceVersion="10.2"';
const SCALE = 'sourceName="Withings" sourceVersion="6020100"';

const pad = (n) => String(n).padStart(2, '0');

/** Apple's "YYYY-MM-DD HH:MM:SS +0100" for minute `m` of day `d` after `startDay` (UTC+1). */
function appleDate(startDay, d, m) {
  const local = new Date(Date.UTC(2024, 0, 1 + startDay + d, 0, m));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00 +0100`;
}

/** The same instant as RFC 3339 UTC, as the API and psql (to_char) write it. */
function utcIso(startDay, d, m) {
  const t = new Date(Date.UTC(2024, 0, 1 + startDay + d, 0, m) - 3600_000);
  return t.toISOString().replace('.000Z', 'Z');
}

/**
 * Builds an export of `days` days starting 2024-01-(1 + startDay), local time UTC+1.
 * Returns {xml, expected}: expected.counts is what GET /analytics/imports/:id must report,
 * expected.perMetric the rows per metric_type, expected.samples some converted values
 * ({metric, time, value}) to look up in progress_metrics.
 */
export function buildExport({ days = 40, startDay = 0 } = {}) {
  const parts = [];
  const points = new Map(); // "metric|time" -> value of the first occurrence (what is stored)
  const counts = {
    records_seen: 0, points_inserted: 0, duplicates: 0, skipped_unsupported: 0,
    skipped_invalid: 0,
  };
  const samples = [];
  const ambiguous = new Set();

  const record = (type, attrs, outcome) => {
    parts.push(` <Record type="${type}" ${attrs}/>`);
    counts.records_seen += 1;
    if (outcome === 'unsupported') {
      counts.skipped_unsupported += 1;
    } else if (outcome === 'invalid') {
      counts.skipped_invalid += 1;
    } else {
      const key = `${outcome.metric}|${outcome.time}`;
      if (points.has(key)) {
        counts.duplicates += 1;
        if (points.get(key) !== outcome.value) {
          ambiguous.add(key); // which copy is kept is the store's choice: not sampled
        }
      } else {
        points.set(key, outcome.value);
      }
    }
  };
  const quantity = (hk, source, unit, value, d, m, outcome, endMinutes = 0) => {
    record(`HKQuantityTypeIdentifier${hk}`,
      `${source} unit="${unit}" creationDate="${appleDate(startDay, d, m + endMinutes)}" ` +
      `startDate="${appleDate(startDay, d, m)}" ` +
      `endDate="${appleDate(startDay, d, m + endMinutes)}" ` +
      `value="${value}"`, outcome);
  };
  const point = (metric, d, m, value) => ({ metric, time: utcIso(startDay, d, m), value });

  parts.push('<?xml version="1.0" encoding="UTF-8"?>', DTD, '<HealthData locale="en_US">');
  parts.push(` <ExportDate value="${appleDate(startDay, days, 9 * 60)}"/>`);
  parts.push(' <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-04-12" ' +
    'HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" ' +
    'HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" ' +
    'HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" ' +
    'HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>');

  for (let d = 0; d < days; d += 1) {
    // Weight at 07:30, in lb on even days (the scale's US setting) and kg on odd days.
    const lb = 165 + (d % 10) / 10;
    const kg = 74 + (d % 7) / 10;
    if (d % 2 === 0) {
      quantity('BodyMass', SCALE, 'lb', lb.toFixed(1), d, 450,
        point('weight_kg', d, 450, Number(lb.toFixed(1)) * 0.45359237));
    } else {
      quantity('BodyMass', SCALE, 'kg', kg.toFixed(1), d, 450, point('weight_kg', d, 450, kg));
    }
    if (d % 10 === 3) {
      // The scale synced twice: the very same sample again.
      quantity('BodyMass', SCALE, 'kg', kg.toFixed(1), d, 450, point('weight_kg', d, 450, kg));
    }
    if (d % 7 === 0) {
      const fraction = 0.22 + (d % 5) / 100;
      quantity('BodyFatPercentage', SCALE, '%', fraction.toFixed(2), d, 451,
        point('body_fat_pct', d, 451, Number(fraction.toFixed(2)) * 100));
    }
    if (d % 14 === 0) {
      quantity('WaistCircumference', PHONE, 'in', '32', d, 452, point('waist_cm', d, 452, 81.28));
    }
    quantity('RestingHeartRate', WATCH, 'count/min', 52 + (d % 6), d, 360,
      point('resting_heart_rate_bpm', d, 360, 52 + (d % 6)));
    for (let h = 0; h < 24; h += 1) {
      const m = h * 60 + 5;
      quantity('HeartRate', WATCH, 'count/min', 55 + ((h * 3 + d) % 40), d, m,
        point('heart_rate_bpm', d, m, 55 + ((h * 3 + d) % 40)));
      quantity('StepCount', PHONE, 'count', 100 + ((d * 7 + h) % 900), d, h * 60,
        point('steps', d, h * 60, 100 + ((d * 7 + h) % 900)), 10);
      if (h % 6 === 0) {
        // The watch counted the same interval: same metric and start, so a duplicate.
        quantity('StepCount', WATCH, 'count', 90 + h, d, h * 60,
          point('steps', d, h * 60, 90 + h), 10);
      }
      if (h >= 8 && h < 20) {
        const kj = h % 2 === 0;
        quantity('ActiveEnergyBurned', WATCH, kj ? 'kJ' : 'kcal', kj ? '41.84' : '12.5', d,
          h * 60 + 30, point('active_kcal', d, h * 60 + 30, kj ? 10 : 12.5), 30);
      }
      quantity('DistanceWalkingRunning', PHONE, 'km', '0.42', d, h * 60, 'unsupported', 10);
    }
    quantity('DietaryWater', PHONE, 'mL', '250', d, 600, point('water_ml', d, 600, 250));
    quantity('DietaryWater', PHONE, 'fl_oz_us', '8', d, 780,
      point('water_ml', d, 780, 8 * 29.5735295625));
    quantity('DietaryWater', PHONE, 'L', '0.5', d, 1080, point('water_ml', d, 1080, 500));
    quantity('BloodGlucose', PHONE, 'mg/dL', '90', d, 500,
      point('blood_glucose_mmol_l', d, 500, 90 / 18.0156));
    quantity('BloodGlucose', PHONE, 'mmol&lt;180.1558800000541&gt;/L', '6.1', d, 800,
      point('blood_glucose_mmol_l', d, 800, 6.1));
    // A sensor glitch: 500 bpm is outside the registry's range; a weight in ounces is a unit
    // the import does not know.
    if (d % 9 === 4) {
      quantity('HeartRate', WATCH, 'count/min', '500', d, 61, 'invalid');
      quantity('BodyMass', PHONE, 'oz', '2600', d, 455, 'invalid');
    }
    // The night from this day to the next: in bed (skipped), then asleep in two stages.
    const bed = 23 * 60;
    record('HKCategoryTypeIdentifierSleepAnalysis',
      `${WATCH} startDate="${appleDate(startDay, d, bed)}" ` +
      `endDate="${appleDate(startDay, d, bed + 480)}" value="HKCategoryValueSleepAnalysisInBed"`,
      'unsupported');
    record('HKCategoryTypeIdentifierSleepAnalysis',
      `${WATCH} startDate="${appleDate(startDay, d, bed + 15)}" ` +
      `endDate="${appleDate(startDay, d, bed + 195)}" ` +
      'value="HKCategoryValueSleepAnalysisAsleepCore"',
      point('sleep_minutes', d, bed + 15, 180));
    record('HKCategoryTypeIdentifierSleepAnalysis',
      `${WATCH} startDate="${appleDate(startDay, d, bed + 195)}" ` +
      `endDate="${appleDate(startDay, d, bed + 285)}" ` +
      'value="HKCategoryValueSleepAnalysisAsleepREM"',
      point('sleep_minutes', d, bed + 195, 90));
    record('HKCategoryTypeIdentifierMindfulSession',
      `${PHONE} startDate="${appleDate(startDay, d, 1260)}" ` +
      `endDate="${appleDate(startDay, d, 1270)}"`,
      'unsupported');
    // Not records at all: counted nowhere, skipped.
    parts.push(` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" ${PHONE} ` +
      `startDate="${appleDate(startDay, d, 540)}" endDate="${appleDate(startDay, d, 540)}">`,
    `  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" ${PHONE} unit="mmHg" ` +
      `startDate="${appleDate(startDay, d, 540)}" endDate="${appleDate(startDay, d, 540)}" ` +
      'value="121"/>',
    ' </Correlation>');
    if (d % 3 === 0) {
      parts.push(` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5" ` +
        `durationUnit="min" ${WATCH} startDate="${appleDate(startDay, d, 1080)}" ` +
        `endDate="${appleDate(startDay, d, 1112)}">`,
      '  <MetadataEntry key="HKIndoorWorkout" value="0"/>',
      `  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="${appleDate(startDay, d, 1080)}"/>`,
      ' </Workout>');
    }
    parts.push(` <ActivitySummary dateComponents="2024-01-${pad((d % 28) + 1)}" ` +
      'activeEnergyBurned="412.3" activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="Cal"/>');
  }
  parts.push('</HealthData>', '');

  counts.points_inserted = points.size;
  const perMetric = {};
  for (const key of points.keys()) {
    const metric = key.split('|')[0];
    perMetric[metric] = (perMetric[metric] ?? 0) + 1;
  }
  for (const [key, value] of points) {
    const [metric, time] = key.split('|');
    if (!ambiguous.has(key) && samples.filter((s) => s.metric === metric).length < 2) {
      samples.push({ metric, time, value });
    }
  }
  return { xml: parts.join('\n'), expected: { counts, perMetric, samples } };
}
