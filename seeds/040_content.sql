-- Content library: 20 evidence-based articles, their tags and links, upserted by slug.
-- Articles are staged in a temp table (one INSERT per article, easy to review), then upserted.
-- Re-running changes nothing: rows are updated only when a value differs, and deleted_at is
-- never touched, so an article an admin soft-deleted stays deleted. See
-- docs/reference-data-nutrition-content.md for sources and how to add an article.

CREATE TEMP TABLE seed_content_tags (
    slug text PRIMARY KEY,
    name text NOT NULL
) ON COMMIT DROP;

INSERT INTO seed_content_tags (slug, name) VALUES
('fasting-basics', 'Fasting basics'),
('time-restricted-eating', 'Time-restricted eating'),
('alternate-day-fasting', 'Alternate-day fasting'),
('five-two', '5:2'),
('extended-fasting', 'Extended fasting'),
('metabolic-health', 'Metabolic health'),
('weight-management', 'Weight management'),
('safety', 'Safety'),
('circadian-rhythm', 'Circadian rhythm'),
('hiit', 'HIIT'),
('exercise-science', 'Exercise science'),
('recovery', 'Recovery'),
('protein', 'Protein'),
('muscle', 'Muscle'),
('fibre', 'Fibre'),
('hydration', 'Hydration and electrolytes'),
('breaking-a-fast', 'Breaking a fast'),
('sleep', 'Sleep'),
('habits', 'Habits'),
('clinical-trials', 'Clinical trials');

CREATE TEMP TABLE seed_content_articles (
    slug          text PRIMARY KEY,
    title         text NOT NULL,
    summary       text NOT NULL,
    category      text NOT NULL,
    is_premium    boolean NOT NULL,
    published_at  timestamptz NOT NULL,
    tags          text[] NOT NULL,
    citations     jsonb NOT NULL,
    body_markdown text NOT NULL
) ON COMMIT DROP;

-- 1 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'intermittent-fasting-explained',
'Intermittent fasting, explained',
'What intermittent fasting is, the main ways people do it, and what the evidence does and does '
'not show so far.',
'beginners', false, '2025-01-06T08:00:00Z',
ARRAY['fasting-basics', 'time-restricted-eating', 'metabolic-health'],
'[{"title": "Effects of Intermittent Fasting on Health, Aging, and Disease",
   "authors": "de Cabo R, Mattson MP", "year": 2019,
   "journal": "New England Journal of Medicine 381(26):2541-2551",
   "doi": "10.1056/NEJMra1905136"},
  {"title": "Fasting, Circadian Rhythms, and Time-Restricted Feeding in Healthy Lifespan",
   "authors": "Longo VD, Panda S", "year": 2016,
   "journal": "Cell Metabolism 23(6):1048-1059", "doi": "10.1016/j.cmet.2016.06.001"}]',
$md$
Intermittent fasting (IF) is not a diet in the usual sense. It says little about *what* you eat
and a lot about *when*. You alternate planned periods without food (water, black coffee and plain
tea are fine) with periods when you eat normally.

## The main patterns

- **Time-restricted eating (TRE).** You eat within a daily window, for example 8 hours, and fast
  for the remaining 16 ("16:8"). Gentler versions such as 12:12 or 14:10 are a sensible start.
- **5:2.** Five days of ordinary eating and two non-consecutive days of roughly 500 to 600 kcal.
- **Alternate-day fasting (ADF).** Fast days, often with about 500 kcal, alternate with normal days.
- **Longer fasts.** 24 hours or more, done occasionally. These need more care and are not where
  to begin.

## Why people try it

When you go several hours without food, your body gradually shifts from using glucose from your
last meal to drawing more on stored fat and producing ketones. Researchers call this the
"metabolic switch", and a 2019 review in the *New England Journal of Medicine* summarised animal
and human studies suggesting it may bring benefits beyond weight loss, including improved insulin
sensitivity and blood pressure.

Many people also simply find a clear rule ("I eat between 10:00 and 18:00") easier to follow than
counting every calorie, and eating fewer late-evening snacks often follows.

## What the evidence actually shows

It is worth being honest here. In human trials, most of the weight-loss benefit of IF seems to
come from eating less overall, and when trials match calories, intermittent fasting and ordinary
calorie reduction tend to produce similar results. Much of the exciting work on longevity and
cell repair comes from animals, and we do not yet know how much of it carries over to people.

That does not make IF pointless. If a fasting rhythm helps you eat a little less, sleep better
because you stop eating earlier, and feel in control, it is a perfectly good tool. It is just not
magic.

## Starting well

Pick a window you can keep on most days, drink plenty of water, and build meals around protein,
vegetables and whole foods when you do eat. Track how you feel as well as your weight.

Intermittent fasting is not suitable for everyone. If you are pregnant or breastfeeding, have a
history of an eating disorder, take medication for diabetes or blood pressure, or have a medical
condition, talk to your doctor before you start.
$md$);

-- 2 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'choosing-your-first-fasting-protocol',
'Choosing your first fasting protocol',
'A practical way to pick a starting schedule, and how to move up (or not) from there.',
'beginners', false, '2025-01-08T08:00:00Z',
ARRAY['fasting-basics', 'time-restricted-eating', 'habits'],
'[{"title": "Ten-Hour Time-Restricted Eating Reduces Weight, Blood Pressure, and Atherogenic '
   'Lipids in Patients with Metabolic Syndrome",
   "authors": "Wilkinson MJ, Manoogian ENC, Zadourian A, et al.", "year": 2020,
   "journal": "Cell Metabolism 31(1):92-104", "doi": "10.1016/j.cmet.2019.11.004"},
  {"title": "Effects of Intermittent Fasting on Health, Aging, and Disease",
   "authors": "de Cabo R, Mattson MP", "year": 2019,
   "journal": "New England Journal of Medicine 381(26):2541-2551",
   "doi": "10.1056/NEJMra1905136"}]',
$md$
The best fasting protocol is the one you can keep up without it taking over your life. Longer is
not automatically better, and a schedule you abandon after a week achieves nothing.

## Start with your current day

Before you choose, notice when you actually eat now. Many people already go 10 to 11 hours
overnight without food. If your last snack is at 21:00 and breakfast is at 07:30, you are already
close to a 12:12 pattern.

## A sensible progression

1. **12:12 for a week or two.** Stop eating after dinner and keep a 12-hour overnight gap. This
   mostly removes late-night snacking, and most people find it easy.
2. **14:10.** Push breakfast a little later or dinner a little earlier. In a small study of
   people with metabolic syndrome, a 10-hour eating window kept for 12 weeks was associated with
   modest reductions in weight, blood pressure and cholesterol, alongside their usual medication.
3. **16:8.** The most popular schedule. Many people simply skip breakfast and eat between noon
   and 20:00, though an earlier window suits some people better.

Stay at a level for at least two weeks before moving on, and feel free to stay where you are.
There is no strong evidence that 18:6 or 20:4 brings meaningfully more benefit than 16:8 for
most people.

## Fit it to your life

- **Social meals.** Choose a window that includes the meal you share with others, usually dinner.
- **Training.** If you work out in the morning, you may feel better with a window that starts
  soon after.
- **Weekends.** Being flexible on one or two days a week is fine. Consistency over months matters
  more than a perfect streak.

## How to know it is working

Look beyond the scale: steady energy, fewer cravings in the evening, better sleep and a sense of
control are all good signs. Lasting dizziness, poor sleep, irritability or obsessive thoughts
about food are signs to step back to a shorter fast.

If you take medication for diabetes or blood pressure, are pregnant or breastfeeding, or have a
history of disordered eating, please talk to your doctor before changing your eating pattern.
$md$);

-- 3 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'what-happens-during-a-fast',
'What happens in your body during a fast',
'From digesting your last meal to burning fat and making ketones: the metabolic switch, hour by '
'hour, with the caveats.',
'if', false, '2025-01-13T08:00:00Z',
ARRAY['fasting-basics', 'metabolic-health', 'extended-fasting'],
'[{"title": "Flipping the Metabolic Switch: Understanding and Applying the Health Benefits of '
   'Fasting",
   "authors": "Anton SD, Moehl K, Donahoo WT, et al.", "year": 2018,
   "journal": "Obesity 26(2):254-268", "doi": "10.1002/oby.22065"},
  {"title": "Fuel metabolism in starvation",
   "authors": "Cahill GF Jr", "year": 2006,
   "journal": "Annual Review of Nutrition 26:1-22",
   "doi": "10.1146/annurev.nutr.26.061505.111258"}]',
$md$
Fasting apps often show neat stages with exact start times. The underlying physiology is real,
but the timings vary a lot between people and depend on what you last ate, how active you are and
how fit you are. Treat the hours below as rough guides.

## 0 to 4 hours: the fed state

You are digesting and absorbing your last meal. Blood glucose and insulin rise, and your body
uses incoming glucose for energy and stores the surplus as glycogen in the liver and muscles and
as fat.

## About 4 to 16 hours: drawing on glycogen

As insulin falls, the liver breaks down its glycogen to keep blood glucose steady. Fat is released
from fat tissue at a steadily increasing rate. Most people doing an overnight fast, or 16:8,
spend most of their fasting time here.

## About 12 to 24 hours and beyond: the metabolic switch

As liver glycogen runs lower, the body relies more on fat. The liver turns some of the fatty acids
into ketone bodies, which the brain and muscles can use as fuel. A 2018 review in *Obesity*
described this move from glucose to fat and ketones as "flipping the metabolic switch" and
suggested it typically begins somewhere between 12 and 36 hours, depending on the person.
Exercise can bring it forward.

## Longer fasts

In classic studies of prolonged fasting, summarised by George Cahill, ketone levels keep rising
over several days, and the brain gradually takes more of its energy from ketones, which reduces
the need to break down protein to make glucose. These studies were done under close medical
supervision, and they are a reason for respect rather than a plan to copy.

## What about autophagy?

Autophagy, the cell's recycling process, clearly increases with fasting in animal studies. In
humans we cannot yet measure it well in everyday settings, so claims about exactly when it
"starts" are not well supported. It is reasonable to see it as one possible benefit among
several, not as the goal of a fast.

## Putting it to use

You do not need to chase ketosis for a fasting routine to be worthwhile. Regular overnight fasts
of 12 to 16 hours give you plenty of time in the fat-burning range, with very little risk for
healthy adults.

Longer fasts are different. If you have diabetes, take any regular medication, are pregnant, or
have a history of an eating disorder, talk to your doctor before fasting beyond a normal overnight
break.
$md$);

-- 4 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'early-time-restricted-eating',
'Early time-restricted eating: does the clock matter?',
'Eating earlier in the day may carry benefits beyond eating less. What the eTRF studies found, '
'and how to try it.',
'if', true, '2025-01-20T08:00:00Z',
ARRAY['time-restricted-eating', 'circadian-rhythm', 'metabolic-health'],
'[{"title": "Early Time-Restricted Feeding Improves Insulin Sensitivity, Blood Pressure, and '
   'Oxidative Stress Even without Weight Loss in Men with Prediabetes",
   "authors": "Sutton EF, Beyl R, Early KS, Cefalu WT, Ravussin E, Peterson CM", "year": 2018,
   "journal": "Cell Metabolism 27(6):1212-1221", "doi": "10.1016/j.cmet.2018.04.010"},
  {"title": "Effectiveness of Early Time-Restricted Eating for Weight Loss, Fat Loss, and '
   'Cardiometabolic Health in Adults With Obesity: A Randomized Clinical Trial",
   "authors": "Jamshed H, Steger FL, Bryan DR, et al.", "year": 2022,
   "journal": "JAMA Internal Medicine 182(9):953-962",
   "doi": "10.1001/jamainternmed.2022.3050"},
  {"title": "Fasting, Circadian Rhythms, and Time-Restricted Feeding in Healthy Lifespan",
   "authors": "Longo VD, Panda S", "year": 2016,
   "journal": "Cell Metabolism 23(6):1048-1059", "doi": "10.1016/j.cmet.2016.06.001"}]',
$md$
Most people who try 16:8 skip breakfast and eat from noon to 20:00. But your body handles food
differently across the day: insulin sensitivity tends to be higher in the morning and lower in the
evening, following your internal (circadian) clock. That raises a fair question: does the timing
of the window matter, and not just its length?

## The eTRF study

In a carefully controlled trial published in *Cell Metabolism* in 2018, Elizabeth Sutton and
colleagues asked eight men with prediabetes to eat all their meals within a 6-hour window ending
by 15:00, for five weeks. For comparison, they also spent five weeks eating the same food across
12 hours. The researchers supplied enough food to keep weight stable, so any difference could not
be put down to weight loss.

On the early schedule, the men's insulin sensitivity improved, their blood pressure fell
noticeably and markers of oxidative stress went down. Several participants also reported less
evening hunger.

The catch: eight participants is a very small study, all were men, and a 6-hour window ending
mid-afternoon is hard to keep alongside work and family life.

## Larger trials

A 2022 randomised trial in *JAMA Internal Medicine* compared early eating (07:00 to 15:00) with
eating over 12 hours or more in about 90 adults with obesity, both with a weight-loss programme.
The early group lost somewhat more weight and saw larger drops in blood pressure, though the
differences were modest. Not every trial agrees, and later-window studies (see our article on the
TREAT trial) show that the benefits of time-restricted eating are far from guaranteed.

## Trying it in real life

You do not need to finish eating at 15:00 to borrow the idea:

- Make breakfast or lunch your biggest meal and dinner lighter.
- Finish eating two to three hours before bed.
- A window such as 08:00 to 16:00 or 09:00 to 17:00 is a realistic compromise.
- If you share dinner with others, keep it, and tighten the window on other days instead.

## The bottom line

Eating earlier in the day looks promising and is unlikely to harm healthy adults, but the evidence
is still limited. Choose the window you can keep up; if you can make it an earlier one, that may
be a small bonus.

If you take medication that lowers blood glucose, changing when you eat can change how it works.
Talk to your doctor first.
$md$);

-- 5 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'what-the-trials-say-about-time-restricted-eating',
'What the big trials say about time-restricted eating',
'The TREAT trial and a year-long trial in China tested 16:8-style eating properly. The results '
'were more sobering than the headlines.',
'research', false, '2025-01-27T08:00:00Z',
ARRAY['time-restricted-eating', 'clinical-trials', 'weight-management'],
'[{"title": "Effects of Time-Restricted Eating on Weight Loss and Other Metabolic Parameters in '
   'Women and Men With Overweight and Obesity: The TREAT Randomized Clinical Trial",
   "authors": "Lowe DA, Wu N, Rohdin-Bibby L, et al.", "year": 2020,
   "journal": "JAMA Internal Medicine 180(11):1491-1499",
   "doi": "10.1001/jamainternmed.2020.4153"},
  {"title": "Calorie Restriction with or without Time-Restricted Eating in Weight Loss",
   "authors": "Liu D, Huang Y, Huang C, et al.", "year": 2022,
   "journal": "New England Journal of Medicine 386(16):1495-1504",
   "doi": "10.1056/NEJMoa2114833"}]',
$md$
Early studies of time-restricted eating (TRE) were small and often had no proper control group.
Two larger randomised trials have since tested it more rigorously, and anyone using a fasting app
should know what they found.

## The TREAT trial (2020)

Researchers at the University of California, San Francisco, randomly assigned 116 adults with
overweight or obesity to one of two groups for 12 weeks. One group ate only between 12:00 and
20:00. The other ate three structured meals a day. Neither group was told to cut calories.

The TRE group lost slightly more weight, about 0.9 kg against 0.7 kg, and the difference between
the groups was not statistically significant. There were no meaningful differences in blood
glucose, insulin or cholesterol. In a subgroup that had detailed body scans, a notable part of
the weight lost in the TRE group appeared to be lean mass rather than fat. The authors suggested
that protein intake and resistance training may matter more than usual when eating in a short
window.

## The year-long trial in China (2022)

In a trial published in the *New England Journal of Medicine*, 139 adults with obesity were all
given the same calorie target, and half of them also ate only between 08:00 and 16:00. After 12
months, both groups had lost a meaningful amount of weight (around 6 to 8 kg on average), and the
time restriction added no significant benefit beyond the calorie reduction.

## How to read these results

- **Calories still count.** When both groups eat the same amount, limiting the window itself does
  not seem to add much for weight loss.
- **That does not make TRE useless.** For many people, a clear window is simply an easier way to
  eat less. A tool that helps you keep a calorie deficit is a good tool.
- **Protect muscle.** Aim for enough protein at each meal and include strength work, especially
  if you are losing weight.
- **Timing may still matter for other outcomes.** Studies of earlier windows suggest possible
  benefits for insulin sensitivity and blood pressure, but this needs larger trials.

## What this means for you

Choose a fasting schedule because it suits you and helps you eat well, not because it promises
special fat loss. Measure what matters to you over months, not days.
$md$);

-- 6 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'alternate-day-fasting-vs-calorie-restriction',
'Alternate-day fasting versus everyday calorie restriction',
'A year-long trial compared alternate-day fasting with ordinary calorie restriction. Here is what '
'happened, including who dropped out.',
'research', false, '2025-02-03T08:00:00Z',
ARRAY['alternate-day-fasting', 'clinical-trials', 'weight-management'],
'[{"title": "Effect of Alternate-Day Fasting on Weight Loss, Weight Maintenance, and '
   'Cardioprotection Among Metabolically Healthy Obese Adults: A Randomized Clinical Trial",
   "authors": "Trepanowski JF, Kroeger CM, Barnosky A, et al.", "year": 2017,
   "journal": "JAMA Internal Medicine 177(7):930-938",
   "doi": "10.1001/jamainternmed.2017.0936"},
  {"title": "The effects of intermittent or continuous energy restriction on weight loss and '
   'metabolic disease risk markers: a randomized trial in young overweight women",
   "authors": "Harvie MN, Pegington M, Mattson MP, et al.", "year": 2011,
   "journal": "International Journal of Obesity 35(5):714-727",
   "doi": "10.1038/ijo.2010.171"}]',
$md$
Alternate-day fasting (ADF) swaps daily moderation for a simple rhythm: a fast day, then a normal
day, then a fast day again. On "fast" days most programmes allow around 500 kcal, often as one
small meal. It sounds demanding, so the obvious question is whether it works better than just
eating a bit less every day.

## The trial

In a study published in *JAMA Internal Medicine* in 2017, John Trepanowski, Krista Varady and
colleagues randomly assigned 100 adults with obesity to one of three groups for a year:

- **Alternate-day fasting:** 25% of energy needs on fast days, 125% on feast days.
- **Daily calorie restriction:** 75% of energy needs every day.
- **Control:** no change.

The first six months were for weight loss and the next six for keeping it off.

## What they found

Both diet groups lost a similar amount of weight, around 6% of body weight at six months, and
kept off a similar amount at a year. Blood pressure, heart rate, cholesterol, glucose and insulin
did not differ meaningfully between the two diets.

The most practical finding was about adherence. **More people dropped out of the ADF group**
(about 38%) than the daily restriction group (about 29%). People in the ADF group also tended to
eat more than planned on fast days and less than planned on feast days, drifting towards ordinary
daily restriction on their own.

## Other evidence

An earlier trial by Michelle Harvie and colleagues compared two very-low-calorie days a week with
continuous restriction in women and found similar weight loss, with some possible extra
improvement in insulin sensitivity on the intermittent approach. Overall, comparisons of
intermittent and continuous restriction keep pointing the same way: similar results on average,
with large differences between individuals.

## What this means for you

ADF is a valid option if you like its structure, for instance if you find it easier to have "on"
and "off" days than to be moderate every day. It is not a faster route to weight loss, and it is
harder to keep up for many people. If you try it, plan your fast-day meal in advance, make it
protein-rich, and reassess honestly after a month.

Fast days are not suitable during pregnancy or breastfeeding, with a history of an eating
disorder, or if you take medication for diabetes. Speak to your doctor first if any of these
apply.
$md$);

-- 7 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'the-5-2-approach',
'The 5:2 approach: two lighter days a week',
'How 5:2 works, what a fast day looks like in practice, and what trials in people with and without '
'type 2 diabetes found.',
'if', false, '2025-02-10T08:00:00Z',
ARRAY['five-two', 'weight-management', 'safety'],
'[{"title": "The effects of intermittent or continuous energy restriction on weight loss and '
   'metabolic disease risk markers: a randomized trial in young overweight women",
   "authors": "Harvie MN, Pegington M, Mattson MP, et al.", "year": 2011,
   "journal": "International Journal of Obesity 35(5):714-727",
   "doi": "10.1038/ijo.2010.171"},
  {"title": "Effect of Intermittent Compared With Continuous Energy Restricted Diet on Glycemic '
   'Control in Patients With Type 2 Diabetes: A Randomized Noninferiority Trial",
   "authors": "Carter S, Clifton PM, Keogh JB", "year": 2018,
   "journal": "JAMA Network Open 1(3):e180756",
   "doi": "10.1001/jamanetworkopen.2018.0756"}]',
$md$
On the 5:2 pattern you eat normally on five days of the week and have two non-consecutive
"light" days of roughly 500 kcal (women) to 600 kcal (men). Nothing is forbidden on normal days,
which is a large part of its appeal.

## What a light day can look like

Around 500 kcal goes further than people expect if you build it on protein and vegetables:

- a two-egg omelette with spinach and tomatoes (about 200 kcal), and
- a large bowl of vegetable soup with a palm-sized piece of chicken or tofu (about 300 kcal),
- plus water, black coffee, tea and herbal tea through the day.

Many people prefer one meal in the evening so they can sleep through the hungriest part. Others
split it in two. Try both.

## What the trials found

In a six-month trial published in 2011, Michelle Harvie and colleagues compared two very
low-calorie days a week with ordinary daily restriction in overweight women. Weight loss was
similar. The intermittent group had a somewhat larger drop in fasting insulin, although the
difference was modest.

In people with type 2 diabetes, a 2018 trial by Sharayah Carter, Peter Clifton and Jennifer
Keogh compared 5:2 with continuous restriction for 12 months. Improvement in long-term blood
glucose (HbA1c) was comparable between the groups, and weight loss was similar. Importantly,
participants had their **medication adjusted by the study team on fast days**, because cutting
food sharply while taking glucose-lowering drugs can cause hypoglycaemia.

## Making it work

- Choose days that are usually busy, such as a workday, rather than social days.
- Do not try to "make up" for a light day with an enormous next day. Just eat normally.
- Plan light-day meals ahead so you are not deciding while hungry.
- Hard training sessions are usually better placed on normal days.

## Who should be careful

Do not start 5:2 without medical advice if you take insulin or other glucose-lowering medication,
or blood pressure medication: your doses may need to change on light days. It is not advised in
pregnancy or breastfeeding, for people under 18, or for anyone with a history of an eating
disorder.
$md$);

-- 8 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'who-should-not-fast',
'Who should not fast, and who should ask first',
'Fasting is not for everyone. The situations where it can cause harm, and why a conversation '
'with your doctor comes first.',
'if', false, '2025-02-12T08:00:00Z',
ARRAY['safety', 'fasting-basics'],
'[{"title": "Effects of Intermittent Fasting on Health, Aging, and Disease",
   "authors": "de Cabo R, Mattson MP", "year": 2019,
   "journal": "New England Journal of Medicine 381(26):2541-2551",
   "doi": "10.1056/NEJMra1905136"},
  {"title": "Intermittent fasting in Type 2 diabetes mellitus and the risk of hypoglycaemia: a '
   'randomized controlled trial",
   "authors": "Corley BT, Carroll RW, Hall RM, Weatherall M, Parry-Strong A, Krebs JD",
   "year": 2018, "journal": "Diabetic Medicine 35(5):588-594",
   "doi": "10.1111/dme.13595"}]',
$md$
For most healthy adults, an overnight fast of 12 to 16 hours carries little risk. But fasting is
a real change to how and when your body gets energy, and for some people it can do harm. This
app can help you plan and track a fast. It cannot know your medical history, so please read this
before you start.

## Please do not fast without specialist advice if you

- **are pregnant, trying to conceive or breastfeeding.** Energy and nutrient needs are higher, and
  there is little research on fasting at these times.
- **have, or have had, an eating disorder** such as anorexia, bulimia or binge eating disorder.
  Rules about when you may eat can restart harmful patterns. If you notice that fasting is making
  you anxious about food, that is a reason to stop.
- **are under 18.** Growing bodies need regular, adequate nutrition.
- **are underweight** or have been losing weight without trying.

## Ask your doctor first if you

- **take medication for diabetes,** especially insulin or sulfonylureas. Eating less while taking
  the same dose can drop your blood glucose too low. In a 2018 trial of intermittent fasting in
  people with type 2 diabetes, hypoglycaemia occurred more often on fast days even with
  medication reduced under supervision. Fasting with diabetes can work, but only with a plan for
  your medication.
- **take medication for blood pressure,** or diuretics ("water tablets"), which can interact with
  reduced food and fluid intake.
- **take medication that must be taken with food.**
- **have a heart, kidney or liver condition, gout, or a history of gallstones.**
- **are older and frail,** or recovering from illness or surgery.

## Warning signs during a fast

Stop fasting and eat something if you feel faint, very dizzy, confused, shaky or unusually weak,
if you have palpitations, or if you feel unwell in any way that worries you. Seek medical help if
symptoms do not settle after eating. Ending a fast early is not a failure: it is the system
working as it should.

## Why we say this so often

The research that makes fasting look promising was mostly done in healthy volunteers or in
carefully supervised patients. The 2019 review by de Cabo and Mattson in the *New England Journal
of Medicine* highlights both the potential benefits and the need for medical supervision in
people with health conditions. That supervision is what turns a possible risk into a safe
experiment.
$md$);

-- 9 ---------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'extended-fasts-with-care',
'Fasts of 24 hours or longer: doing them with care',
'What changes beyond a day without food, how to prepare, what to watch for, and how to break a '
'long fast gently.',
'if', true, '2025-02-17T08:00:00Z',
ARRAY['extended-fasting', 'safety', 'hydration', 'breaking-a-fast'],
'[{"title": "Fasting: molecular mechanisms and clinical applications",
   "authors": "Longo VD, Mattson MP", "year": 2014,
   "journal": "Cell Metabolism 19(2):181-192", "doi": "10.1016/j.cmet.2013.12.008"},
  {"title": "Fuel metabolism in starvation",
   "authors": "Cahill GF Jr", "year": 2006,
   "journal": "Annual Review of Nutrition 26:1-22",
   "doi": "10.1146/annurev.nutr.26.061505.111258"},
  {"title": "Refeeding syndrome: what it is, and how to prevent and treat it",
   "authors": "Mehanna HM, Moledina J, Travis J", "year": 2008,
   "journal": "BMJ 336(7659):1495-1498", "doi": "10.1136/bmj.a301"}]',
$md$
A 24-hour fast, for example from dinner to dinner, is something many healthy adults can do
occasionally. Fasts of 36, 48 or 72 hours are a different matter. They push your body further
into fat and ketone metabolism, and they also increase the risks. This article is for people who
are already comfortable with daily fasting and have checked with a doctor that a longer fast is
appropriate for them.

## What changes as a fast lengthens

After roughly a day, liver glycogen is largely used up and the body relies mainly on fat. Ketone
levels keep rising over the following days. Classic studies of prolonged fasting, reviewed by
George Cahill, show the brain gradually using more ketones, which spares protein. Reviews by Longo
and Mattson describe changes in growth factors and cellular stress responses in animals and some
human studies. Whether occasional long fasts bring lasting health benefits for otherwise healthy
people is not yet clear.

## Preparing

- Build up: be comfortable with 16:8 and a few 24-hour fasts first.
- Choose a calm period. Avoid long fasts around hard training, travel or stressful deadlines.
- Eat normally beforehand. A huge "last meal" does not make the fast easier.
- Tell someone you are fasting.

## During the fast

- **Drink regularly.** A lot of daily water normally comes from food.
- **Think about electrolytes.** Sodium is lost faster in the early days of a fast, which is
  behind many headaches and light-headed moments. Salted broth or a pinch of salt in water can
  help. If you have high blood pressure or kidney disease, ask your doctor before adding salt.
- **Keep activity gentle.** Walking and stretching are fine; intense training is not a good idea.
- **Know your stop signs:** fainting or near-fainting, palpitations, confusion, vomiting, or
  feeling genuinely unwell. Eat, and seek help if it does not settle.

## Breaking a long fast

After 24 to 48 hours, start with a modest, easily digested meal: broth, eggs, yogurt, cooked
vegetables or a small portion of fish. Wait an hour or two before a normal meal.

After very long fasts, and in people who are underweight or have eaten little for some time,
refeeding too quickly can cause dangerous shifts in phosphate, potassium and magnesium, known as
refeeding syndrome. It is rare after short fasts in well-nourished people, but it is the main
reason why fasts beyond about 72 hours belong under medical supervision.

Extended fasting is not appropriate if you are pregnant or breastfeeding, under 18, underweight,
have a history of an eating disorder, or take medication for diabetes or blood pressure.
$md$);

-- 10 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'hiit-the-science-in-brief',
'HIIT: the science in brief',
'Why short, hard intervals can match longer steady exercise for fitness, what the studies used, '
'and how that translates into a home workout.',
'hiit', false, '2025-02-24T08:00:00Z',
ARRAY['hiit', 'exercise-science', 'metabolic-health'],
'[{"title": "Physiological adaptations to low-volume, high-intensity interval training in health '
   'and disease",
   "authors": "Gibala MJ, Little JP, MacDonald MJ, Hawley JA", "year": 2012,
   "journal": "Journal of Physiology 590(5):1077-1084",
   "doi": "10.1113/jphysiol.2011.224725"},
  {"title": "Twelve Weeks of Sprint Interval Training Improves Indices of Cardiometabolic Health '
   'Similar to Traditional Endurance Training despite a Five-Fold Lower Exercise Volume and Time '
   'Commitment",
   "authors": "Gillen JB, Martin BJ, MacInnis MJ, Skelly LE, Tarnopolsky MA, Gibala MJ",
   "year": 2016, "journal": "PLoS ONE 11(4):e0154075",
   "doi": "10.1371/journal.pone.0154075"}]',
$md$
High-intensity interval training (HIIT) alternates short bursts of hard effort with periods of
rest or easy movement. Its popularity rests on a simple promise: useful fitness gains in less
time. The research broadly supports that promise, with some important details.

## What the research shows

A 2012 review in the *Journal of Physiology* by Martin Gibala and colleagues brought together
studies showing that low-volume HIIT, only a few minutes of hard work per session, can improve
aerobic fitness (VO2max) and the muscles' ability to use oxygen about as well as much longer
sessions of moderate exercise, at least over the weeks these studies lasted.

In a 2016 study by the same group, inactive men did either three 10-minute sessions a week with
just one minute of all-out cycling in total, or three 50-minute sessions of moderate cycling.
After 12 weeks, improvements in fitness and insulin sensitivity were similar, despite a five-fold
difference in time spent exercising.

## The fine print

- **"Hard" really means hard.** Many of these studies used all-out sprints on a lab bike. Your
  intervals should feel like 8 or 9 out of 10 by the end, not like a brisk walk.
- **The studies are mostly short,** often 2 to 12 weeks, and small. We know less about HIIT
  sustained over years.
- **Calories burned in the session are modest.** HIIT is an efficient way to build fitness, not
  a shortcut to large weight loss. The "afterburn" effect is real but small.
- **More is not better.** Two or three sessions a week, with easier days between, is what most
  studies used.

## How Ugoki workouts apply this

Our routines use bodyweight intervals, for example 30 seconds of work and 30 seconds of rest, or
40/20 for more experienced users. Without a lab bike it is hard to reach true sprint intensity,
so we choose exercises that raise your heart rate quickly (squat jumps, burpees, mountain
climbers) and offer low-impact alternatives.

Warm up for at least five minutes, keep good form when you tire, and stop if you feel chest pain,
unusual breathlessness or dizziness. If you have a heart condition, high blood pressure, joint
problems, or have been inactive for a long time, talk to your doctor before starting
high-intensity exercise.
$md$);

-- 11 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'what-tabata-really-means',
'What "Tabata" really means',
'The original 1996 study behind the 20-seconds-on, 10-seconds-off format, and why most "Tabata" '
'workouts are something different.',
'hiit', false, '2025-03-03T08:00:00Z',
ARRAY['hiit', 'exercise-science'],
'[{"title": "Effects of moderate-intensity endurance and high-intensity intermittent training on '
   'anaerobic capacity and VO2max",
   "authors": "Tabata I, Nishimura K, Kouzaki M, et al.", "year": 1996,
   "journal": "Medicine and Science in Sports and Exercise 28(10):1327-1330",
   "doi": "10.1097/00005768-199610000-00018"},
  {"title": "Metabolic profile of high intensity intermittent exercises",
   "authors": "Tabata I, Irisawa K, Kouzaki M, Nishimura K, Ogita F, Miyachi M", "year": 1997,
   "journal": "Medicine and Science in Sports and Exercise 29(3):390-395",
   "doi": "10.1097/00005768-199703000-00015"}]',
$md$
"Tabata" has become shorthand for any workout of eight rounds of 20 seconds on and 10 seconds
off. The name comes from Izumi Tabata, a Japanese researcher, and the original protocol was far
more specific than most gym classes suggest.

## The original study

In 1996, Tabata and colleagues published a study in *Medicine and Science in Sports and Exercise*
comparing two training programmes over six weeks in young, already active men:

- **Moderate endurance training:** one hour of cycling at about 70% of VO2max, five days a week.
- **High-intensity intermittent training:** seven or eight bouts of 20 seconds at about 170% of
  VO2max, with 10 seconds of rest between them, on a cycle ergometer, five days a week (one of
  those days combined a shorter interval set with steady riding).

Both groups improved their VO2max. Only the interval group substantially improved anaerobic
capacity, the ability to produce energy quickly without enough oxygen. A follow-up paper in 1997
showed that this protocol taxed both the aerobic and anaerobic energy systems close to their
limits.

## What "170% of VO2max" means

It is an effort well above what you could sustain for even a minute, so intense that the
participants were exhausted by the seventh or eighth bout. That is the key point: the 20/10 timing
only produces the results described when every interval is close to maximal.

## So what is a home "Tabata"?

A four-minute 20/10 session of squats or jumping jacks is still a good, short workout. It is just
not the same stimulus as the original study, and it is fine to say so. You will get the most out
of it if:

- you warm up properly first, because hard efforts on cold muscles are when injuries happen;
- you choose exercises you can do fast with good form, such as cycling, running, jump squats or
  kettlebell swings;
- you treat the four minutes as genuinely hard, and do not chain several "Tabatas" together just
  because each one is short.

## Who should build up first

If you are new to exercise, start with longer rests (for example 20 seconds on, 40 seconds off)
and moderate effort, and progress over several weeks. People with heart or blood pressure problems
should speak to their doctor before doing near-maximal intervals.
$md$);

-- 12 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'training-while-fasting',
'Training while fasting: what to expect',
'Does exercising in a fasted state burn more fat, hurt performance or cost muscle? What the '
'research says and how to plan your sessions.',
'hiit', true, '2025-03-10T08:00:00Z',
ARRAY['hiit', 'exercise-science', 'protein', 'muscle'],
'[{"title": "Effects of fasted vs fed-state exercise on performance and post-exercise '
   'metabolism: A systematic review and meta-analysis",
   "authors": "Aird TP, Davies RW, Carson BP", "year": 2018,
   "journal": "Scandinavian Journal of Medicine and Science in Sports 28(5):1476-1493",
   "doi": "10.1111/sms.13054"},
  {"title": "Body composition changes associated with fasted versus non-fasted aerobic exercise",
   "authors": "Schoenfeld BJ, Aragon AA, Wilborn CD, Krieger JW, Sonmez GT", "year": 2014,
   "journal": "Journal of the International Society of Sports Nutrition 11:54",
   "doi": "10.1186/s12970-014-0054-7"}]',
$md$
If you fast until noon and like to work out in the morning, you will be training fasted. Many
people do this comfortably. Here is what the evidence says about the trade-offs.

## Fat burning during the session

Exercising after an overnight fast does increase the share of energy that comes from fat during
the session. A 2018 meta-analysis by Aird and colleagues confirmed this across many studies.

But what happens during a session is not the same as what happens over weeks. In a small trial
by Brad Schoenfeld and colleagues, women doing the same cardio either fasted or after a meal, on
the same calorie-controlled diet, lost similar amounts of weight and fat over four weeks. For
body composition, your overall diet and training matter far more than whether a given session is
fasted.

## Performance

The same meta-analysis found that for longer aerobic exercise (over about an hour), eating
beforehand tends to improve performance. For shorter sessions, the difference was small or
absent. For a 20 to 30 minute HIIT session, most people perform about the same either way,
though individual experience varies widely. Some feel light and sharp; others feel weak or
dizzy.

## Muscle

Hard training followed by many more hours without food is not ideal for building or keeping
muscle. You can reduce this by:

- placing hard sessions near the start of your eating window, so a protein-rich meal follows
  within an hour or two;
- eating enough protein across the window, roughly 1.2 to 1.6 g per kg of body weight per day if
  you train regularly;
- keeping longer fasts and your hardest sessions on different days.

## A practical plan

- **Easy movement** (walks, mobility, gentle cycling) fits anywhere in a fast.
- **HIIT and strength sessions** work best at the end of the fast, just before your first meal, or
  within the eating window.
- **Hydrate,** and consider a pinch of salt in water before a fasted session if you tend to feel
  light-headed.
- **Listen to warning signs:** dizziness, shakiness, nausea or unusual fatigue mean stop, sit
  down and eat.

If you take medication that lowers blood glucose, fasted exercise increases the risk of
hypoglycaemia: discuss it with your doctor before combining the two.
$md$);

-- 13 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'starting-hiit-safely',
'Starting HIIT safely when you are new to exercise',
'HIIT can suit beginners and people with health conditions, when the intensity is matched to '
'you. How to start, progress and recover.',
'hiit', false, '2025-03-17T08:00:00Z',
ARRAY['hiit', 'recovery', 'safety'],
'[{"title": "High-intensity interval training in patients with lifestyle-induced cardiometabolic '
   'disease: a systematic review and meta-analysis",
   "authors": "Weston KS, Wisloff U, Coombes JS", "year": 2014,
   "journal": "British Journal of Sports Medicine 48(16):1227-1234",
   "doi": "10.1136/bjsports-2013-092576"},
  {"title": "Physiological adaptations to low-volume, high-intensity interval training in health '
   'and disease",
   "authors": "Gibala MJ, Little JP, MacDonald MJ, Hawley JA", "year": 2012,
   "journal": "Journal of Physiology 590(5):1077-1084",
   "doi": "10.1113/jphysiol.2011.224725"}]',
$md$
High intensity sounds like it is only for the already fit. In fact, "high" is relative: it means
hard *for you*. A brisk uphill walk can be high intensity for one person and a sprint for
another. That is why interval training has been studied in beginners and even in people with
heart disease, under supervision.

## What the evidence says

A 2014 meta-analysis in the *British Journal of Sports Medicine* by Kassia Weston and colleagues
pooled studies of people with lifestyle-related conditions such as coronary artery disease,
heart failure, high blood pressure, metabolic syndrome and obesity. Interval training improved
aerobic fitness roughly twice as much as moderate continuous training. These programmes were run
by clinical teams with screening, so they tell us HIIT can be appropriate, not that it is
risk-free without checks.

## Four rules for starting

1. **Get the all-clear if you need it.** If you have a heart condition, high blood pressure,
   diabetes, chest pain on exertion, or have been inactive for a long time, speak to your doctor
   first.
2. **Start with more rest than work.** Try 20 seconds of effort and 40 seconds of easy movement,
   for 6 to 8 rounds. Move to 30/30 after a couple of weeks, and 40/20 only when 30/30 feels
   manageable.
3. **Use low-impact moves.** Marching high knees, step-backs instead of burpees, and squats
   without the jump give you intensity with less strain on joints.
4. **Aim for "hard but controlled".** On a 1 to 10 scale, finish each interval around 7 or 8. You
   should be breathing hard but still able to hold good form.

## Recovery is part of training

Fitness improves between sessions, not during them. Two or three HIIT sessions a week are plenty,
with at least one day between them. On other days, walk, stretch, or do gentle strength work.
Sleep and enough protein support recovery more than any supplement.

Signs you need more recovery include persistent muscle soreness, a higher resting heart rate than
usual, poor sleep, or dreading every session.

## Stop immediately if

you feel chest pain or pressure, unusual shortness of breath, dizziness or faintness, or an
irregular heartbeat. Seek medical advice before exercising again.
$md$);

-- 14 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'protein-in-a-shorter-eating-window',
'Getting enough protein in a shorter eating window',
'Why protein matters more when you fast, how much to aim for, and easy ways to fit it into two or '
'three meals.',
'nutrition', false, '2025-03-24T08:00:00Z',
ARRAY['protein', 'muscle', 'time-restricted-eating'],
'[{"title": "A systematic review, meta-analysis and meta-regression of the effect of protein '
   'supplementation on resistance training-induced gains in muscle mass and strength in healthy '
   'adults",
   "authors": "Morton RW, Murphy KT, McKellar SR, et al.", "year": 2018,
   "journal": "British Journal of Sports Medicine 52(6):376-384",
   "doi": "10.1136/bjsports-2017-097608"},
  {"title": "Effects of Time-Restricted Eating on Weight Loss and Other Metabolic Parameters in '
   'Women and Men With Overweight and Obesity: The TREAT Randomized Clinical Trial",
   "authors": "Lowe DA, Wu N, Rohdin-Bibby L, et al.", "year": 2020,
   "journal": "JAMA Internal Medicine 180(11):1491-1499",
   "doi": "10.1001/jamainternmed.2020.4153"}]',
$md$
When you eat in an 8-hour window, you usually have two or three meals instead of four or five
eating occasions. That makes it easy to fall short on protein without noticing, and protein is
the nutrient that most helps you keep muscle while losing weight.

## Why it matters

In the 2020 TREAT trial of 16:8-style eating, a notable share of the weight lost was lean mass
rather than fat. The researchers could not say exactly why, but low protein intake was one
suspect. Keeping muscle matters for strength, for blood glucose control and for staying active as
you age.

## How much?

The general adult reference intake is about 0.75 to 0.8 g of protein per kg of body weight per
day. For active people, and for anyone losing weight, a higher intake is often recommended. A
2018 meta-analysis by Robert Morton and colleagues found that in people doing resistance
training, benefits for muscle mass levelled off at around 1.6 g per kg per day.

A reasonable target for most Ugoki users who train regularly is **1.2 to 1.6 g per kg per day**.
For a 70 kg person, that is roughly 85 to 110 g.

If you have kidney disease, talk to your doctor before increasing your protein intake.

## Fitting it in

Aim for 25 to 40 g of protein at each meal:

- **3 eggs:** about 19 g. Add 100 g cottage cheese for another 11 g.
- **200 g Greek yogurt:** about 20 g.
- **A palm-sized piece of chicken, fish or tofu (120 to 150 g):** 25 to 35 g.
- **A can of tuna:** about 25 to 30 g.
- **A cup of cooked lentils:** about 18 g, with a lot of fibre.

Start your eating window with a protein-rich meal. It tends to be more filling than a
carbohydrate-heavy one and makes it easier to reach your target with only two meals.

## Plant-based?

You can meet these targets with tofu, tempeh, edamame, lentils, beans, seitan and soy milk.
Combining sources across the day covers the full range of amino acids.

## Supplements

Protein powders are convenient but not necessary. Food first; a shake is a useful backup on busy
days.
$md$);

-- 15 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'breaking-your-fast-well',
'Breaking your fast well',
'What to eat first after a fast, why a modest protein-rich meal usually beats a feast, and when '
'refeeding needs real caution.',
'nutrition', false, '2025-03-31T08:00:00Z',
ARRAY['breaking-a-fast', 'protein', 'safety'],
'[{"title": "Refeeding syndrome: what it is, and how to prevent and treat it",
   "authors": "Mehanna HM, Moledina J, Travis J", "year": 2008,
   "journal": "BMJ 336(7659):1495-1498", "doi": "10.1136/bmj.a301"},
  {"title": "Effects of Intermittent Fasting on Health, Aging, and Disease",
   "authors": "de Cabo R, Mattson MP", "year": 2019,
   "journal": "New England Journal of Medicine 381(26):2541-2551",
   "doi": "10.1056/NEJMra1905136"}]',
$md$
There is no scientifically proven "perfect" first meal after a fast. But a little planning makes
the first meal more satisfying, helps you avoid a sluggish slump, and keeps the rest of your
eating window on track.

## After a daily fast (12 to 20 hours)

Your digestive system is ready for a normal meal. The main risk is not physical but practical:
arriving at your window very hungry and eating quickly whatever is nearest. A few habits help:

- **Lead with protein.** Eggs, Greek yogurt, fish, tofu, chicken or lentils. Protein is filling
  and supports muscle, which matters more in a shorter eating window.
- **Add fibre and colour.** Vegetables, berries, beans or whole grains slow digestion and help
  keep energy steady.
- **Include some fat,** such as avocado, olive oil or nuts, for flavour and fullness.
- **Go easy on sugar-heavy foods as the very first thing.** Pastries, juice or sweets on an empty
  stomach can lead to a quick rise and fall in energy for some people.
- **Eat slowly.** It takes time for fullness signals to catch up.

Good examples in our recipe library are marked *suited to breaking a fast*: soft scrambled eggs
with avocado, a Greek yogurt bowl with berries, shakshuka, miso soup, or a lentil soup.

## After a 24 to 48 hour fast

Start smaller: a cup of broth or miso soup, then a modest meal of eggs, yogurt, fish, or cooked
vegetables an hour or so later. Large, very fatty or very sugary meals are more likely to cause
bloating, cramps or diarrhoea after a longer break. Raw vegetables in large amounts can also be
hard going.

## When refeeding needs medical care

Refeeding syndrome is a potentially dangerous shift in electrolytes (especially phosphate,
potassium and magnesium) that can happen when someone who has eaten very little for a long time
starts eating again. As a 2008 review in the *BMJ* explains, the people most at risk are those who
are malnourished or underweight, have eaten little for five days or more, or have a history of
alcohol misuse or eating disorders. It is rare after the kinds of fasts most Ugoki users do, but
it is why fasts beyond about 72 hours should only be done under medical supervision.

## A note on "clean" and "dirty" fasting

Black coffee, plain tea and water do not meaningfully break a fast. Milk, sugar, bulletproof
coffee, bone broth and "fasting snacks" all contain energy. Whether that matters depends on your
goal, but it is worth being honest with yourself about it.

If you take medication for diabetes, ask your doctor how to time your doses around your first meal.
$md$);

-- 16 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'fibre-the-overlooked-nutrient',
'Fibre: the nutrient most of us are missing',
'Higher fibre intake is linked with lower risk of several common diseases. How much to aim for and '
'how to get there in a shorter eating window.',
'nutrition', false, '2025-04-07T08:00:00Z',
ARRAY['fibre', 'metabolic-health', 'weight-management'],
'[{"title": "Carbohydrate quality and human health: a series of systematic reviews and '
   'meta-analyses",
   "authors": "Reynolds A, Mann J, Cummings J, Winter N, Mete E, Te Morenga L", "year": 2019,
   "journal": "The Lancet 393(10170):434-445",
   "doi": "10.1016/S0140-6736(18)31809-9"},
  {"title": "Scientific Opinion on Dietary Reference Values for carbohydrates and dietary fibre",
   "authors": "EFSA Panel on Dietetic Products, Nutrition, and Allergies (NDA)", "year": 2010,
   "journal": "EFSA Journal 8(3):1462", "doi": "10.2903/j.efsa.2010.1462"}]',
$md$
Protein gets most of the attention in fitness circles, but fibre may be the nutrient with the
biggest gap between what people eat and what is recommended. Most adults in Europe and North
America eat well under the 25 to 30 g a day that many health authorities recommend; the European
Food Safety Authority, for example, considers 25 g a day adequate for normal bowel function.

## What the evidence shows

In 2019, a team led by Andrew Reynolds published a large series of systematic reviews and
meta-analyses in *The Lancet*, commissioned by the World Health Organization. Pooling about 185
prospective studies and 58 clinical trials, they found that people eating the most fibre had a
15 to 30% lower risk of death from any cause, and of heart disease, stroke, type 2 diabetes and
colorectal cancer, than those eating the least. The trials showed lower body weight, blood
pressure and cholesterol with higher intakes.

The observational findings cannot prove cause and effect on their own, and people who eat more
fibre tend to have other healthy habits too. But the consistency of the results, and the
supporting trials, make a strong case. The researchers found benefits continued up to at least
25 to 29 g a day, and possibly beyond.

## Why it helps

- **Fullness.** Fibre adds bulk and slows digestion, which helps meals keep you satisfied.
  That is especially useful when you eat fewer meals.
- **Blood glucose.** Soluble fibre, from oats, beans, lentils and some fruit, slows the rise in
  blood glucose after a meal.
- **Gut health.** Gut bacteria ferment fibre into short-chain fatty acids, which nourish the
  lining of the gut.

## Getting to 30 g in two or three meals

- **Oats or chia at breakfast:** overnight oats or chia pudding can provide 10 g or more.
- **Beans and lentils:** half a can of beans adds around 6 to 8 g. Our lentil soup and chickpea
  salad are good examples.
- **Vegetables at every meal,** aiming for half the plate.
- **Whole fruit rather than juice,** and berries, which are especially high in fibre.
- **Nuts and seeds** as a topping or snack.

## Go gradually

Increasing fibre quickly can cause bloating and wind. Add a little more each week and drink
plenty of water, since fibre works best with adequate fluid.

If you have a bowel condition such as inflammatory bowel disease, or have been advised to follow
a low-fibre diet, follow the advice of your doctor or dietitian instead.
$md$);

-- 17 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'hydration-and-electrolytes-while-fasting',
'Hydration and electrolytes while fasting',
'Why fasting can leave you short of fluid and sodium, how to tell, and simple ways to stay '
'comfortable without breaking your fast.',
'nutrition', true, '2025-04-14T08:00:00Z',
ARRAY['hydration', 'extended-fasting', 'safety'],
'[{"title": "Scientific Opinion on Dietary Reference Values for water",
   "authors": "EFSA Panel on Dietetic Products, Nutrition, and Allergies (NDA)", "year": 2010,
   "journal": "EFSA Journal 8(3):1459", "doi": "10.2903/j.efsa.2010.1459"},
  {"title": "Water, hydration, and health",
   "authors": "Popkin BM, D''Anci KE, Rosenberg IH", "year": 2010,
   "journal": "Nutrition Reviews 68(8):439-458",
   "doi": "10.1111/j.1753-4887.2010.00304.x"},
  {"title": "Fuel metabolism in starvation",
   "authors": "Cahill GF Jr", "year": 2006,
   "journal": "Annual Review of Nutrition 26:1-22",
   "doi": "10.1146/annurev.nutr.26.061505.111258"}]',
$md$
Headaches, light-headedness and tiredness during a fast are often put down to hunger. Quite
often, the real cause is fluid or salt.

## Why fasting affects your fluids

Food normally provides a fair share of our daily water. The European Food Safety Authority
estimates that around 20 to 30% of total water intake comes from food, and its reference values
for adequate total water intake are about 2.0 litres a day for women and 2.5 litres for men from
all sources. On a fasting day you lose the food part, so you need to drink more to make up for
it.

There is a second effect. When insulin falls during a fast, the kidneys excrete more sodium and
water. This is one reason early weight loss on fasting or low-carbohydrate diets is largely water,
and why some people feel dizzy when they stand up quickly.

## Signs to watch for

- Headache, especially one that builds during the day.
- Dizziness or light-headedness on standing.
- Dark urine or urinating less than usual.
- Muscle cramps.
- Unusual tiredness or difficulty concentrating.

## Practical habits

- **Drink regularly,** not all at once. A glass of water when you wake and with each usual
  mealtime is an easy pattern.
- **Plain tea, black coffee and herbal tea count** towards your fluids and do not break a fast.
- **A pinch of salt** in a glass of water, or a mug of salted broth, often relieves fasting
  headaches and dizziness, especially on fasts of 24 hours or more. Broth contains a few calories,
  which is a reasonable trade-off on longer fasts.
- **Do not overdo it.** Drinking very large volumes of plain water quickly can dilute blood sodium.
  Drink to thirst plus a little more, and let pale yellow urine guide you.
- **Potassium and magnesium** are found in vegetables, nuts, beans and dairy. Eating these well in
  your eating window usually covers your needs for daily fasts. Electrolyte supplements are not
  generally needed for fasts under 24 hours.

## When to take extra care

If you have high blood pressure, heart failure or kidney disease, or take diuretics, lithium or
other medication affected by salt and fluid balance, do not add salt or electrolyte supplements
without talking to your doctor. The same applies if you have been advised to limit your fluid
intake.
$md$);

-- 18 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'why-sleep-matters-for-your-goals',
'Why sleep matters for your health goals',
'Short sleep affects appetite, blood glucose and how much fat you lose when dieting. How much you '
'need and where to start.',
'sleep', false, '2025-04-21T08:00:00Z',
ARRAY['sleep', 'weight-management', 'metabolic-health'],
'[{"title": "Impact of sleep debt on metabolic and endocrine function",
   "authors": "Spiegel K, Leproult R, Van Cauter E", "year": 1999,
   "journal": "The Lancet 354(9188):1435-1439",
   "doi": "10.1016/S0140-6736(99)01376-8"},
  {"title": "Insufficient sleep undermines dietary efforts to reduce adiposity",
   "authors": "Nedeltcheva AV, Kilkus JM, Imperial J, Schoeller DA, Penev PD", "year": 2010,
   "journal": "Annals of Internal Medicine 153(7):435-441",
   "doi": "10.7326/0003-4819-153-7-201010050-00006"},
  {"title": "Recommended Amount of Sleep for a Healthy Adult: A Joint Consensus Statement of the '
   'American Academy of Sleep Medicine and Sleep Research Society",
   "authors": "Watson NF, Badr MS, Belenky G, et al.", "year": 2015,
   "journal": "Sleep 38(6):843-844", "doi": "10.5665/sleep.4716"}]',
$md$
If you are fasting, training and eating well but progress has stalled, look at your sleep. It is
the part of the routine that gets cut first when life is busy, and it affects everything else.

## How much sleep?

A 2015 consensus statement from the American Academy of Sleep Medicine and the Sleep Research
Society concluded that adults should regularly sleep **7 hours or more** per night for best
health. Some people need more, particularly when recovering from illness or training hard.

## What short sleep does to your metabolism

In a classic 1999 study in *The Lancet*, Karine Spiegel, Rachel Leproult and Eve Van Cauter
restricted healthy young men to 4 hours in bed for six nights. Their glucose tolerance worsened
noticeably and evening cortisol levels rose, compared with when they were fully rested. That is
an extreme amount of sleep loss, but it showed clearly that sleep affects how the body handles
food.

Milder sleep loss matters too. In a 2010 study in *Annals of Internal Medicine*, adults on a
calorie-reduced diet spent two weeks sleeping 8.5 hours a night and two weeks sleeping 5.5 hours.
They lost a similar amount of weight each time, but with short sleep **a much smaller share of it
was fat** and more was lean tissue, and they felt hungrier. The study was small (ten people), but
the message matches wider research: sleep is part of a weight-loss plan.

Short sleep is also linked with changes in appetite hormones, stronger cravings for
energy-dense foods, and lower motivation to exercise.

## Where to start

- **Keep a regular wake-up time,** including at weekends as far as you can. It anchors your body
  clock.
- **Finish eating 2 to 3 hours before bed.** A fasting window that ends in the early evening can
  help here.
- **Cut caffeine after about 14:00.** Caffeine can linger in the body for many hours.
- **Get daylight in the morning,** and keep evenings dimmer.
- **Keep hard workouts earlier** if late sessions leave you wired.
- **Make the bedroom cool, dark and quiet.**

## When to get help

Loud snoring with pauses in breathing, waking unrefreshed despite enough time in bed, or
persistent difficulty falling or staying asleep for more than a few weeks are worth discussing
with your doctor. Sleep apnoea and insomnia are common and treatable.
$md$);

-- 19 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'meal-timing-light-and-your-body-clock',
'Meal timing, light and your body clock',
'Your internal clock responds to light and to when you eat. How to line both up for better sleep '
'and steadier energy.',
'sleep', false, '2025-04-28T08:00:00Z',
ARRAY['sleep', 'circadian-rhythm', 'time-restricted-eating'],
'[{"title": "Fasting, Circadian Rhythms, and Time-Restricted Feeding in Healthy Lifespan",
   "authors": "Longo VD, Panda S", "year": 2016,
   "journal": "Cell Metabolism 23(6):1048-1059", "doi": "10.1016/j.cmet.2016.06.001"},
  {"title": "Evening use of light-emitting eReaders negatively affects sleep, circadian timing, '
   'and next-morning alertness",
   "authors": "Chang AM, Aeschbach D, Duffy JF, Czeisler CA", "year": 2015,
   "journal": "Proceedings of the National Academy of Sciences 112(4):1232-1237",
   "doi": "10.1073/pnas.1418490112"},
  {"title": "The role of sleep in cognition and emotion",
   "authors": "Walker MP", "year": 2009,
   "journal": "Annals of the New York Academy of Sciences 1156:168-197",
   "doi": "10.1111/j.1749-6632.2009.04416.x"}]',
$md$
Almost every cell in your body keeps time. A master clock in the brain is set mainly by light,
and clocks in the liver, gut and muscles are strongly influenced by when you eat. When these
signals agree, sleep, appetite and energy tend to run smoothly. When they conflict, as with late
meals, late screens or shift work, things can drift.

## Light: the main signal

Bright light in the morning helps set your clock earlier, making it easier to fall asleep at night.
Bright light in the evening does the opposite. In a 2015 study in *PNAS*, Anne-Marie Chang and
colleagues compared reading on a light-emitting e-reader with reading a printed book for four
hours before bed. With the e-reader, participants took longer to fall asleep, had lower evening
melatonin, a later body clock and felt less alert the next morning. Phones and tablets are not
identical to the devices studied, but the principle holds: bright screens late in the evening
push your clock later.

## Food: the second signal

In a 2016 review, Valter Longo and Satchin Panda described how eating at consistent times, within
a daytime window, supports the daily rhythms of metabolism, while eating late at night sends
mixed signals to the clocks in your organs. Much of this evidence comes from animal studies, and
human trials are still catching up, but it fits with what many people notice: late, heavy meals
often mean poorer sleep.

## Why it matters for your goals

Sleep is not only rest. The research reviewed by Matthew Walker and others shows that sleep
supports memory, learning and emotional regulation. After a poor night, it is harder to make
considered food choices, to stick to a plan and to train well.

## Putting it together

- **Go outside in the morning,** even for 10 minutes, ideally soon after waking.
- **Anchor your eating window to daylight** where possible, for example 09:00 to 17:00 or
  10:00 to 18:00, rather than late into the night.
- **Keep your window consistent** from day to day; big swings act a little like jet lag.
- **Dim the lights and screens** in the last hour before bed, or use warmer, dimmer settings.
- **Keep wake-up time steady,** even after a late night.

## Shift workers

If you work nights or rotating shifts, fixed clock-time rules do not fit. Aim for a consistent
eating window relative to your main sleep, avoid heavy meals in the middle of a night shift when
you can, and speak to your doctor or occupational health team for advice tailored to you.
$md$);

-- 20 --------------------------------------------------------------------------------------------
INSERT INTO seed_content_articles VALUES (
'building-habits-that-last',
'Building habits that last',
'How long habits really take to form, why missing a day matters less than you think, and the '
'if-then plans that make new routines stick.',
'mindset', false, '2025-05-05T08:00:00Z',
ARRAY['habits', 'fasting-basics'],
'[{"title": "How are habits formed: Modelling habit formation in the real world",
   "authors": "Lally P, van Jaarsveld CHM, Potts HWW, Wardle J", "year": 2010,
   "journal": "European Journal of Social Psychology 40(6):998-1009",
   "doi": "10.1002/ejsp.674"},
  {"title": "Implementation intentions and goal achievement: A meta-analysis of effects and '
   'processes",
   "authors": "Gollwitzer PM, Sheeran P", "year": 2006,
   "journal": "Advances in Experimental Social Psychology 38:69-119",
   "doi": "10.1016/S0065-2601(06)38002-1"}]',
$md$
Starting a fasting schedule or a workout plan is exciting. Keeping it going after the first few
weeks is the hard part. Psychology research offers some reassuring and practical lessons.

## It takes longer than 21 days, and that is fine

The popular idea that a habit forms in 21 days does not come from research. In a 2010 study,
Phillippa Lally and colleagues at University College London asked 96 volunteers to repeat a
simple healthy behaviour, such as drinking water with lunch or going for a run before dinner,
every day in the same situation. They then measured how automatic it felt.

On average, it took **about 66 days** for the behaviour to reach its peak automaticity, but the
range was huge, from 18 days to an estimated 254 days. More complex behaviours, like exercise,
took longer than simple ones.

Just as important: **missing a single day did not meaningfully set people back.** What mattered
was returning to the routine. A broken streak is not a broken habit.

## Plan the "when" and "where"

In a large meta-analysis, Peter Gollwitzer and Paschal Sheeran pooled 94 studies of
*implementation intentions*: simple "if-then" plans that link a behaviour to a specific
situation. People who made these plans achieved their goals considerably more often than those
who only set the goal.

Some examples:

- "If it is 20:00, then I close the kitchen and start my fast."
- "If I finish my morning coffee on a weekday, then I do a 10-minute workout."
- "If I feel hungry during a fast, then I drink a glass of water and wait 20 minutes."
- "If I am invited out for dinner, then I move my eating window later that day."

## Make it easy to start

- **Start smaller than you think you need to.** A 12-hour fast or a 7-minute workout you actually
  do beats an ambitious plan you skip.
- **Tie the new habit to an existing one,** such as after coffee or after brushing your teeth.
- **Prepare in advance:** lay out workout clothes, plan the first meal of your window.
- **Track gently.** Streaks can motivate, but treat them as information, not a test you can fail.

## Be kind to yourself

Self-criticism after a lapse tends to make giving up more likely, not less. Treat a missed day as
data: what got in the way, and what if-then plan would help next time?

If tracking food, fasting or exercise starts to make you anxious, or you feel out of control
around food, step back and talk to your doctor or a qualified professional. Support for disordered
eating is available, and asking for it is a sign of strength.
$md$);

-- Upserts -----------------------------------------------------------------------------------------

INSERT INTO content_tags (slug, name)
SELECT slug, name FROM seed_content_tags
ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name
WHERE content_tags.name IS DISTINCT FROM EXCLUDED.name;

-- A tag slug typo would silently drop a link: fail the whole seed instead.
DO $$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(DISTINCT t.tag, ', ') INTO missing
    FROM seed_content_articles a
    CROSS JOIN LATERAL unnest(a.tags) AS t(tag)
    LEFT JOIN content_tags ct ON ct.slug = t.tag
    WHERE ct.id IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'seed_content_articles uses unknown tags: %', missing;
    END IF;
END;
$$;

-- Reading time at about 220 words a minute, computed so it can never disagree with the body.
-- deleted_at is deliberately absent from the SET list: re-seeding never revives an article an
-- admin removed.
INSERT INTO content_articles (slug, title, summary, body_markdown, author, category, is_premium,
                              reading_time_minutes, citations, published_at)
SELECT s.slug, s.title, s.summary, btrim(s.body_markdown, E'\n'), 'Ugoki Editorial Team',
       s.category, s.is_premium,
       greatest(1, ceil(cardinality(regexp_split_to_array(btrim(s.body_markdown), '\s+'))
                        / 220.0))::integer,
       s.citations, s.published_at
FROM seed_content_articles s
-- A seeded article an admin renamed answers at its old slug through an alias: not a new one.
WHERE NOT EXISTS (SELECT 1 FROM content_article_slug_aliases al WHERE al.slug = s.slug)
ON CONFLICT (slug) DO UPDATE SET
    title = EXCLUDED.title, summary = EXCLUDED.summary, body_markdown = EXCLUDED.body_markdown,
    author = EXCLUDED.author, category = EXCLUDED.category, is_premium = EXCLUDED.is_premium,
    reading_time_minutes = EXCLUDED.reading_time_minutes, citations = EXCLUDED.citations,
    published_at = EXCLUDED.published_at
-- Articles an admin has written are the editors' from then on (0033, admin_touched).
WHERE NOT admin_touched('content.article', content_articles.id::text)
  AND (content_articles.title, content_articles.summary, content_articles.body_markdown,
       content_articles.author, content_articles.category, content_articles.is_premium,
       content_articles.reading_time_minutes, content_articles.citations,
       content_articles.published_at)
      IS DISTINCT FROM
      (EXCLUDED.title, EXCLUDED.summary, EXCLUDED.body_markdown, EXCLUDED.author,
       EXCLUDED.category, EXCLUDED.is_premium, EXCLUDED.reading_time_minutes,
       EXCLUDED.citations, EXCLUDED.published_at);

-- Tag links: the seed list is the truth for each seeded article no admin has edited.
INSERT INTO content_article_tags (article_id, tag_id)
SELECT ca.id, ct.id
FROM seed_content_articles s
CROSS JOIN LATERAL unnest(s.tags) AS t(tag)
JOIN content_articles ca ON ca.slug = s.slug
JOIN content_tags ct ON ct.slug = t.tag
WHERE NOT admin_touched('content.article', ca.id::text)
ON CONFLICT DO NOTHING;

DELETE FROM content_article_tags cat
USING content_articles ca, content_tags ct, seed_content_articles s
WHERE cat.article_id = ca.id
  AND cat.tag_id = ct.id
  AND ca.slug = s.slug
  AND NOT (ct.slug = ANY (s.tags))
  AND NOT admin_touched('content.article', ca.id::text);

DROP TABLE seed_content_articles;
DROP TABLE seed_content_tags;
