import LexicalSupport

extension StyleDetector {
  /// The contrast sets the detector's probe features are trained on: ``formattingContrastSet``.
  public static let contrastSets: [ContrastSet] = [formattingContrastSet]

  /// Answers structured with markdown against the same kind of content as plain prose.
  ///
  /// Positives use headers, bullet or numbered lists, bold, tables or fenced code, alone or
  /// combined, from a three-item list to a sectioned answer. Negatives carry the same kinds
  /// of content (many are the positives' content rewritten) as flowing prose; about a fifth
  /// are hard negatives: prose that enumerates in words ("first…, then…, finally"), spans
  /// several paragraphs, quotes code inline, or talks about lists, tables and headings
  /// without using them. Written for this project (README, "Contrast set").
  public static let formattingContrastSet = ContrastSet(
    name: "formatting",
    summary: "The answer is structured with markdown (headers, lists, bold, tables, code blocks) rather than written as plain prose.",
    positives: [
      #"""
      To hard-boil eggs:

      1. Put the eggs in a pot and cover them with cold water.
      2. Bring the water to a boil, then turn off the heat and cover the pot.
      3. Leave them for 10 minutes.
      4. Move them to ice water before peeling.
      """#,
      #"""
      **Renting**
      - Lower upfront cost
      - Easy to move
      - No repair bills

      **Buying**
      - Builds equity
      - Stable payments with a fixed-rate mortgage
      - Closing costs of 2–5%
      """#,
      #"""
      ## Beach trip packing list

      - Sunscreen (SPF 30 or higher)
      - Hat and sunglasses
      - Two towels
      - Water bottle
      - A book or a speaker
      """#,
      #"""
      | Type  | Ordered | Mutable | Duplicates |
      |-------|---------|---------|------------|
      | list  | yes     | yes     | yes        |
      | tuple | yes     | no      | yes        |
      | set   | no      | yes     | no         |
      """#,
      #"""
      You can reverse a string with slicing:

      ```python
      def reverse(text: str) -> str:
          return text[::-1]
      ```
      """#,
      #"""
      ### Symptoms
      - Sneezing and a runny nose
      - Sore throat
      - Mild fatigue

      ### What helps
      - Fluids and rest
      - Saline spray
      - Paracetamol for aches
      """#,
      #"""
      **Short answer:** yes, you can freeze cooked rice.

      **How:** cool it within an hour, portion it into bags, and freeze for up to a month.
      """#,
      #"""
      The three branches of the US government:

      1. **Legislative** — Congress makes the laws.
      2. **Executive** — the President enforces them.
      3. **Judicial** — the courts interpret them.
      """#,
      #"""
      # Three days in Rome

      ## Day 1
      Colosseum and the Roman Forum.

      ## Day 2
      Vatican Museums and St. Peter's.

      ## Day 3
      Pantheon, Trevi Fountain, dinner in Trastevere.
      """#,
      #"""
      - Flour
      - Water
      - Salt
      - Yeast
      """#,
      #"""
      To undo the last commit but keep your changes:

      ```bash
      git reset --soft HEAD~1
      ```

      To discard the changes too, use `--hard` instead.
      """#,
      #"""
      | Planet  | Moons | Day length   |
      |---------|-------|--------------|
      | Mercury | 0     | 59 Earth days |
      | Earth   | 1     | 24 hours     |
      | Mars    | 2     | 24.6 hours   |
      """#,
      #"""
      **Pros of remote work**
      * No commute
      * Flexible hours

      **Cons**
      * Fewer spontaneous conversations
      * Harder to switch off
      """#,
      #"""
      Steps to change a flat tire:

      1. Loosen the lug nuts slightly while the car is on the ground.
      2. Jack the car up under the frame.
      3. Remove the nuts and the wheel.
      4. Fit the spare and tighten the nuts in a star pattern.
      5. Lower the car and tighten them fully.
      """#,
      #"""
      ## Causes of the First World War

      - **Militarism**: an arms race among the great powers
      - **Alliances**: two blocs that turned a local conflict into a general war
      - **Imperialism**: rivalry over colonies
      - **Nationalism**: the assassination in Sarajevo
      """#,
      #"""
      **Budget (monthly)**

      | Item      | Amount |
      |-----------|--------|
      | Rent      | $1,200 |
      | Groceries | $400   |
      | Transport | $150   |
      | Savings   | $300   |
      """#,
      #"""
      A minimal HTTP server in Node.js:

      ```javascript
      const http = require("http");
      http.createServer((req, res) => {
        res.end("Hello");
      }).listen(3000);
      ```
      """#,
      #"""
      ### Quick guide to repotting

      1. Water the plant the day before.
      2. Choose a pot 2–5 cm wider than the old one.
      3. Loosen the roots gently.
      4. Fill with fresh mix and water well.
      """#,
      #"""
      Key dates:
      - **1776** – Declaration of Independence
      - **1787** – Constitution drafted
      - **1791** – Bill of Rights ratified
      """#,
      #"""
      **Tip:** Toast the spices in a dry pan for a minute before grinding. It makes a **huge** difference.
      """#,
      #"""
      # Sourdough schedule

      | Time  | Step                 |
      |-------|----------------------|
      | 9:00  | Feed the starter     |
      | 14:00 | Mix the dough        |
      | 15:00 | Stretch and fold ×4  |
      | 20:00 | Shape, then fridge   |
      | 8:00  | Bake at 250°C        |
      """#,
      #"""
      Ways to lower a fever:

      * Rest
      * Drink plenty of fluids
      * Take ibuprofen or acetaminophen as the label directs
      * Use a light blanket rather than heavy covers
      """#,
      #"""
      ## Solving 2x + 6 = 14

      1. Subtract 6 from both sides: `2x = 8`
      2. Divide both sides by 2: `x = 4`

      **Answer:** x = 4
      """#,
      #"""
      The SQL query:

      ```sql
      SELECT customer_id, COUNT(*) AS orders
      FROM orders
      GROUP BY customer_id
      HAVING COUNT(*) > 5;
      ```
      """#,
      #"""
      **Things to check before signing a lease**
      1. The length of the term and the notice period
      2. Who pays for repairs
      3. Rules on pets and subletting
      4. The deposit amount and conditions for its return
      """#,
      #"""
      ### Good first houseplants
      - **Pothos** – tolerates low light
      - **Snake plant** – water once a month
      - **ZZ plant** – nearly indestructible
      """#,
      #"""
      | Currency | Code | Symbol |
      |----------|------|--------|
      | Euro     | EUR  | €      |
      | Yen      | JPY  | ¥      |
      | Pound    | GBP  | £      |
      """#,
      #"""
      # How to apologize

      - Name what you did.
      - Acknowledge how it affected the other person.
      - Say what you'll do differently.
      - Don't add "but".
      """#,
      #"""
      Install the dependencies, then run the tests:

      ```
      npm install
      npm test
      ```
      """#,
      #"""
      **Ingredients**
      - 200 g spaghetti
      - 2 eggs
      - 50 g pecorino
      - 100 g guanciale

      **Method**
      1. Boil the pasta.
      2. Crisp the guanciale.
      3. Mix eggs and cheese, then toss everything off the heat.
      """#,
      #"""
      ## Differences between weather and climate

      | | Weather | Climate |
      |---|---|---|
      | Time scale | hours to days | decades |
      | Example | rain tomorrow | wetter winters |
      """#,
      #"""
      1. Preheat the oven to 180°C.
      2. Cream the butter and sugar.
      3. Beat in the eggs.
      4. Fold in the flour.
      5. Bake for 25 minutes.
      """#,
      #"""
      ### Why the sky is blue

      **Rayleigh scattering**: air molecules scatter short (blue) wavelengths much more than long (red) ones, so blue light reaches your eyes from every direction.
      """#,
      #"""
      Your options:

      - **Option A:** repair the laptop for about $150
      - **Option B:** replace it for about $700
      - **Option C:** keep using it with an external keyboard
      """#,
      #"""
      ## Interview preparation

      ### Before
      - Research the company
      - Prepare three stories about your work

      ### During
      - Listen fully before answering
      - Ask one question about the team
      """#,
      #"""
      Fix for the error:

      ```swift
      let value = dictionary["key"] ?? 0
      ```

      `dictionary["key"]` is optional, so give it a default.
      """#,
      #"""
      **Caffeine content (approximate)**
      - Espresso: 63 mg per shot
      - Brewed coffee: 95 mg per cup
      - Black tea: 47 mg per cup
      - Cola: 34 mg per can
      """#,
      #"""
      # Emergency fund

      **Goal:** 3–6 months of essential expenses.

      **Where:** a high-yield savings account.

      **How:** automatic transfers on payday.
      """#,
      #"""
      1. Open **Settings**.
      2. Tap **Wi-Fi**.
      3. Select your network and enter the password.
      """#,
      #"""
      | Verb | Present | Past | Participle |
      |------|---------|------|------------|
      | go   | go      | went | gone       |
      | eat  | eat     | ate  | eaten      |
      | see  | see     | saw  | seen       |
      """#,
      #"""
      ## Tenant rights in brief
      * The landlord must keep the home habitable.
      * Entry requires notice except in emergencies.
      * The deposit must be returned within the legal deadline, with deductions itemized.
      """#,
      #"""
      A Python list comprehension:

      ```python
      squares = [n * n for n in range(10) if n % 2 == 0]
      ```

      This keeps the squares of the even numbers below 10.
      """#,
      #"""
      **Summary**
      - The Magna Carta was sealed in **1215**.
      - It limited the power of **King John**.
      - Only three clauses remain in English law.
      """#,
      #"""
      ### Training plan, week 1

      | Day | Workout |
      |-----|---------|
      | Mon | 20 min easy run |
      | Wed | Intervals: 6 × 1 min fast |
      | Sat | 40 min long run |
      """#,
      #"""
      How to write a good commit message:

      1. A short summary line (50 characters or fewer)
      2. A blank line
      3. A body explaining **why**, not just what
      """#,
      #"""
      # Photosynthesis

      **Inputs:** carbon dioxide, water, light
      **Outputs:** glucose, oxygen
      **Where:** chloroplasts
      """#,
      #"""
      - [x] Book flights
      - [x] Reserve the hotel
      - [ ] Get travel insurance
      - [ ] Exchange currency
      """#,
      #"""
      ## Signs of dehydration
      1. Thirst
      2. Dark yellow urine
      3. Headache
      4. Dizziness

      Drink water and rest in the shade.
      """#,
      #"""
      The difference in one table:

      | | `==` | `===` |
      |---|---|---|
      | Converts types | yes | no |
      | `0 == ""` | true | false |
      """#,
      #"""
      **Step 1.** Mix the dry ingredients.
      **Step 2.** Whisk the wet ingredients separately.
      **Step 3.** Combine them without overmixing.
      """#,
      #"""
      ### Conversation starters for a first date
      - What's the best trip you've taken?
      - What are you reading at the moment?
      - What would you do with a free Saturday?
      """#,
      #"""
      Set the environment variable and run the script:

      ```sh
      export API_KEY=your-key
      python main.py
      ```
      """#,
      #"""
      # Compound vs. simple interest

      - **Simple:** interest on the principal only.
      - **Compound:** interest on the principal plus earlier interest.

      Over 30 years at 7%, $1,000 becomes **$3,100** with simple interest and **$7,612** with annual compounding.
      """#,
      #"""
      1. Unplug the appliance.
      2. Remove the back panel.
      3. Check the fuse with a multimeter.
      4. Replace it if it reads open.
      """#,
      #"""
      | Country | Capital | Population |
      |---|---|---|
      | Canada | Ottawa | 40 million |
      | Australia | Canberra | 27 million |
      | Brazil | Brasília | 203 million |
      """#,
      #"""
      **Do:**
      - Keep your CV to two pages.
      - Start bullet points with verbs.

      **Don't:**
      - Include a photo (in the US and UK).
      - List every job since school.
      """#,
      #"""
      ## Getting a Schengen visa

      1. Check which country is your main destination.
      2. Book an appointment at its consulate.
      3. Gather your documents: passport, photos, insurance, bookings.
      4. Attend the appointment and pay the fee.
      """#,
      #"""
      A bash loop over files:

      ```bash
      for f in *.csv; do
        wc -l "$f"
      done
      ```
      """#,
      #"""
      ### Causes of a leaking faucet
      - Worn washer
      - Damaged O-ring
      - Corroded valve seat

      **Most common fix:** replace the washer.
      """#,
      #"""
      **Definition:** a prime number has exactly two divisors, 1 and itself.

      **Examples:** 2, 3, 5, 7, 11.
      """#,
      #"""
      # Week meal plan

      - **Monday:** lentil soup
      - **Tuesday:** chicken stir-fry
      - **Wednesday:** pasta with pesto
      - **Thursday:** fish tacos
      - **Friday:** homemade pizza
      """#,
      #"""
      | Metric | Before | After |
      |--------|--------|-------|
      | Load time | 3.2 s | 1.1 s |
      | Bundle size | 840 KB | 310 KB |
      """#,
      #"""
      ## How vaccines work

      1. A harmless piece of the pathogen is introduced.
      2. The immune system makes antibodies and memory cells.
      3. On real exposure, the response is fast and strong.
      """#,
      #"""
      Three ways to say no politely:
      * "Thanks for thinking of me, but I can't this time."
      * "I'd love to, but my schedule is full."
      * "That's not something I can take on right now."
      """#,
      #"""
      Here is the corrected function:

      ```python
      def average(values):
          if not values:
              return 0.0
          return sum(values) / len(values)
      ```

      **What changed:** it no longer divides by zero on an empty list.
      """#,
      #"""
      ### Small claims court checklist
      1. Send a demand letter.
      2. File the claim with the court clerk.
      3. Serve the defendant.
      4. Bring copies of every document to the hearing.
      """#,
      #"""
      **Best time to visit Japan**
      - **Spring** (late March–April): cherry blossoms
      - **Autumn** (November): red maples
      - Avoid **Golden Week** (early May): crowds
      """#,
      #"""
      # Keyboard shortcuts

      | Action | Windows | macOS |
      |---|---|---|
      | Copy | Ctrl+C | ⌘C |
      | Paste | Ctrl+V | ⌘V |
      | Undo | Ctrl+Z | ⌘Z |
      """#,
      #"""
      - Sleep 7–9 hours
      - Walk 30 minutes a day
      - Eat vegetables at two meals
      - Limit alcohol
      """#,
      #"""
      ## The water cycle
      1. **Evaporation** from oceans and lakes
      2. **Condensation** into clouds
      3. **Precipitation** as rain or snow
      4. **Collection** in rivers and groundwater
      """#,
      #"""
      Add this to your CSS:

      ```css
      .container {
        display: flex;
        justify-content: center;
        align-items: center;
      }
      ```
      """#,
      #"""
      **Quick answer:** 350°F is about **177°C**.

      Formula: °C = (°F − 32) × 5/9
      """#,
      #"""
      ### Before you adopt a dog
      - Can you walk it twice a day?
      - Who cares for it when you travel?
      - Does your lease allow pets?
      - Can you afford vet bills?
      """#,
      #"""
      | Tense | Example |
      |---|---|
      | Present perfect | I have eaten. |
      | Past simple | I ate. |
      | Past perfect | I had eaten. |
      """#,
      #"""
      # Negotiating a salary

      1. **Research** the market range.
      2. **Anchor** near the top of it.
      3. **Justify** the number with results.
      4. **Pause** after you say it.
      """#,
      #"""
      Common HTTP status codes:

      - `200` OK
      - `301` Moved permanently
      - `404` Not found
      - `500` Internal server error
      """#,
      #"""
      ## Stain removal

      **Red wine:** blot, cover with salt, rinse in cold water.

      **Grease:** dish soap, then a warm wash.

      **Ink:** rubbing alcohol on a cotton pad.
      """#,
      #"""
      Steps:
      1. Divide the bill by the number of people.
      2. Add each person's share of the tip.
      3. Round up to the nearest dollar.
      """#,
      #"""
      ### Why bread goes stale
      - Starch **recrystallizes** as it cools.
      - Moisture moves from the crumb to the crust.
      - The fridge **speeds this up**; the freezer stops it.
      """#,
      #"""
      ```json
      {
        "name": "prefaudit",
        "version": "1.0.0"
      }
      ```

      Save this as `package.json` in the project root.
      """#,
      #"""
      **Main causes of the 2008 financial crisis**
      1. Subprime mortgage lending
      2. Securitization that spread the risk
      3. High leverage at banks
      4. Weak regulation of derivatives
      """#,
      #"""
      # Tennis scoring

      | Points | Called |
      |---|---|
      | 0 | love |
      | 1 | 15 |
      | 2 | 30 |
      | 3 | 40 |
      """#,
      #"""
      ## Tips for a long flight
      * Choose an aisle seat.
      * Drink water, skip the alcohol.
      * Walk every hour or two.
      * Wear compression socks.
      """#,
      #"""
      **Yes** — but only if:
      - the yogurt is full-fat, and
      - you add it off the heat.

      Otherwise it will split.
      """#,
      #"""
      ### Mean vs. median
      - **Mean:** the sum divided by the count.
      - **Median:** the middle value.
      - Use the **median** when there are outliers.
      """#,
      #"""
      1. Fold the paper in half lengthwise.
      2. Fold the top corners to the center line.
      3. Fold the new edges to the center again.
      4. Fold in half and make the wings.
      """#,
      #"""
      # Recovering from a cold

      ## Days 1–3
      Rest, fluids, soup.

      ## Days 4–7
      Light activity as energy returns.

      ## See a doctor if
      - the fever lasts more than three days
      - you have trouble breathing
      """#,
      #"""
      Rust equivalent:

      ```rust
      fn main() {
          let v: Vec<i32> = (1..=5).collect();
          println!("{:?}", v);
      }
      ```
      """#,
      #"""
      **Name ideas for a bakery**
      - Rise & Shine
      - The Daily Crumb
      - Flour Power
      """#,
      #"""
      ## What to bring to small claims court

      | Document | Why |
      |---|---|
      | Contract or receipt | Proves the agreement |
      | Photos | Shows the damage |
      | Messages | Shows the other side knew |
      """#,
      #"""
      ### Stretching routine (5 minutes)
      1. Neck rolls — 30 seconds
      2. Shoulder circles — 30 seconds
      3. Hamstring stretch — 1 minute each side
      4. Hip flexor lunge — 1 minute each side
      """#,
      #"""
      **TL;DR:** use `git rebase -i HEAD~3` and mark the commits as `squash`.
      """#,
      #"""
      ## Haiku rules
      - Three lines
      - 5, 7 and 5 syllables
      - Often a seasonal word
      - A cut between two images
      """#,
      #"""
      The key figures:

      - **Revenue:** $4.2M (+18%)
      - **Costs:** $3.1M (+6%)
      - **Profit:** $1.1M (+70%)
      """#,
      #"""
      # Moving checklist

      ### Four weeks before
      - Book movers
      - Start packing rarely used items

      ### One week before
      - Change your address
      - Transfer utilities
      """#,
      #"""
      1. **Breathe in** for four seconds.
      2. **Hold** for four seconds.
      3. **Breathe out** for four seconds.
      4. **Hold** for four seconds, then repeat.
      """#,
      #"""
      ### Mortgage payment formula

      ```
      M = P * r * (1 + r)^n / ((1 + r)^n - 1)
      ```

      - `P`: principal
      - `r`: monthly rate
      - `n`: number of payments
      """#,
      #"""
      | Food | Fridge | Freezer |
      |---|---|---|
      | Cooked chicken | 3–4 days | 4 months |
      | Soup | 3–4 days | 3 months |
      | Bread | not recommended | 3 months |
      """#,
      #"""
      **Warning signs of a scam:**
      * Pressure to act immediately
      * Requests for gift cards or wire transfers
      * Links to log in "to verify your account"
      """#,
      #"""
      ## Learning a language: first month

      1. Learn the 300 most common words.
      2. Listen to a podcast daily.
      3. Speak with a tutor once a week.
      4. Keep a short diary in the language.
      """#,
      #"""
      Tidal forces in brief:

      - The **Moon** causes most of the tides.
      - The **Sun** adds a smaller effect.
      - **Spring tides** happen when they line up.
      """#,
      #"""
      ## Short answer
      Yes, the deposit is refundable.

      ## Details
      The landlord may keep part of it only for unpaid rent or damage beyond normal wear, and must send an itemized list.
      """#,
      #"""
      **Monday:** back and biceps
      **Wednesday:** legs
      **Friday:** chest and triceps
      """#,
      #"""
      The *Odyssey* follows Odysseus home from Troy:

      - **Books 1–4:** Telemachus searches for news of his father.
      - **Books 5–12:** Odysseus tells of his wanderings.
      - **Books 13–24:** he returns to Ithaca in disguise.
      """#,
      #"""
      | Step | Command |
      |---|---|
      | Create a virtual environment | `python -m venv .venv` |
      | Activate it | `source .venv/bin/activate` |
      | Install packages | `pip install -r requirements.txt` |
      """#,
      #"""
      ### How to check a used car
      1. Look for rust under the doors and wheel arches.
      2. Check the oil for a milky color.
      3. Ask for the service history.
      4. Take a test drive on a highway.

      ---

      **Tip:** bring someone who knows cars.
      """#,
      #"""
      Two ways to read a file line by line:

      ```python
      with open("data.txt") as f:
          for line in f:
              print(line.rstrip())
      ```

      or, for small files, `lines = open("data.txt").read().splitlines()`.
      """#,
    ],
    negatives: [
      "To hard-boil eggs, put them in a pot, cover them with cold water and bring it to a boil. Turn off the heat, cover the pot and leave them for ten minutes, then move them to ice water before peeling.",
      "Renting costs less up front, makes it easy to move and spares you repair bills. Buying builds equity and, with a fixed-rate mortgage, keeps payments stable, but closing costs run to two to five percent of the price.",
      "For a beach trip, pack sunscreen of at least SPF 30, a hat and sunglasses, two towels, a water bottle, and something to read or a speaker.",
      "Lists and tuples both keep their order and allow duplicates, but only lists can be changed after creation. Sets are unordered, mutable and drop duplicates.",
      "In Python you can reverse a string with a slice that steps backwards, text[::-1], which returns a new string.",
      "A cold usually brings sneezing, a runny nose, a sore throat and some tiredness. Fluids, rest, a saline spray and paracetamol for aches are what help most.",
      "Yes, you can freeze cooked rice. Cool it within an hour, portion it into bags and keep it frozen for up to a month.",
      "The US government has three branches: Congress makes the laws, the President enforces them, and the courts interpret them.",
      "With three days in Rome, spend the first on the Colosseum and the Forum, the second at the Vatican Museums and St. Peter's, and the third walking from the Pantheon to the Trevi Fountain before dinner in Trastevere.",
      "Bread needs only flour, water, salt and yeast.",
      "To undo the last commit but keep your changes, run git reset --soft HEAD~1. Use --hard instead if you want to discard the changes too.",
      "Mercury has no moons and a day lasting 59 Earth days, Earth has one moon and a 24-hour day, and Mars has two small moons and a day of about 24.6 hours.",
      "Remote work removes the commute and gives you flexible hours, but you lose spontaneous conversations with colleagues and it can be harder to switch off at the end of the day.",
      "To change a flat tire, loosen the lug nuts slightly while the car is still on the ground, jack it up under the frame, and take off the nuts and the wheel. Fit the spare, tighten the nuts in a star pattern, lower the car and tighten them fully.",
      "Historians usually point to four causes of the First World War: an arms race among the great powers, alliances that turned a local conflict into a general war, rivalry over colonies, and the nationalism behind the assassination in Sarajevo.",
      "A monthly budget of $1,200 for rent, $400 for groceries and $150 for transport leaves room to put $300 into savings.",
      "A minimal Node.js server takes a few lines: require the http module, call createServer with a handler that ends the response with a greeting, and listen on port 3000.",
      "Water the plant the day before you repot it, and choose a pot two to five centimeters wider than the old one. Loosen the roots gently, fill in with fresh mix and water well.",
      "The Declaration of Independence came in 1776, the Constitution was drafted in 1787, and the Bill of Rights was ratified in 1791.",
      "Toast the spices in a dry pan for a minute before grinding them; it makes a big difference to the flavor.",
      "A sourdough day can start by feeding the starter at nine, mixing the dough at two, and doing four rounds of stretch and fold through the afternoon. Shape the loaf around eight in the evening, refrigerate it overnight and bake it at 250°C the next morning.",
      "To lower a fever, rest, drink plenty of fluids, take ibuprofen or acetaminophen as the label directs, and use a light blanket rather than heavy covers.",
      "To solve 2x + 6 = 14, subtract 6 from both sides to get 2x = 8, then divide by 2. So x = 4.",
      "To count orders per customer and keep only those with more than five, group the orders table by customer_id and add a HAVING clause on COUNT(*).",
      "Before signing a lease, check the length of the term and the notice period, who pays for repairs, the rules on pets and subletting, and how much the deposit is and when it comes back.",
      "Pothos, snake plants and ZZ plants make good first houseplants: pothos tolerates low light, a snake plant needs water about once a month, and a ZZ plant is almost impossible to kill.",
      "The euro's code is EUR, the yen's is JPY and the pound's is GBP, written with the symbols €, ¥ and £.",
      "A good apology names what you did, acknowledges how it affected the other person, and says what you will do differently. It leaves out the word but.",
      "Install the dependencies with npm install, then run the tests with npm test.",
      "For carbonara you need 200 grams of spaghetti, two eggs, 50 grams of pecorino and 100 grams of guanciale. Boil the pasta, crisp the guanciale, mix the eggs with the cheese, and toss everything together off the heat.",
      "Weather is what happens over hours or days, such as rain tomorrow; climate is the pattern over decades, such as winters getting wetter.",
      "Preheat the oven to 180°C, cream the butter and sugar, beat in the eggs, fold in the flour and bake for 25 minutes.",
      "The sky is blue because air molecules scatter short blue wavelengths much more than long red ones, a process called Rayleigh scattering, so blue light reaches your eyes from every direction.",
      "You can repair the laptop for about $150, replace it for about $700, or keep using it with an external keyboard.",
      "Before an interview, research the company and prepare three stories about your work. During it, listen fully before you answer and ask one question about the team.",
      "The error happens because a dictionary lookup returns an optional. Give it a default with the nil-coalescing operator, as in dictionary[\"key\"] ?? 0.",
      "A shot of espresso has about 63 mg of caffeine, a cup of brewed coffee about 95 mg, a cup of black tea about 47 mg and a can of cola about 34 mg.",
      "An emergency fund should cover three to six months of essential expenses. Keep it in a high-yield savings account and build it with automatic transfers on payday.",
      "Open Settings, tap Wi-Fi, then select your network and enter the password.",
      "Go, eat and see are irregular: their past forms are went, ate and saw, and their participles are gone, eaten and seen.",
      "Tenants have the right to a habitable home, to notice before the landlord enters except in emergencies, and to the return of their deposit within the legal deadline with any deductions itemized.",
      "A list comprehension such as [n * n for n in range(10) if n % 2 == 0] keeps the squares of the even numbers below ten.",
      "The Magna Carta was sealed in 1215 and limited the power of King John. Only three of its clauses remain in English law.",
      "In the first week of training, run an easy twenty minutes on Monday, do six one-minute fast intervals on Wednesday, and go for a forty-minute long run on Saturday.",
      "A good commit message starts with a summary line of fifty characters or fewer, leaves a blank line, and then explains why the change was made, not just what it does.",
      "Photosynthesis takes in carbon dioxide, water and light and gives out glucose and oxygen. It happens in the chloroplasts.",
      "You have booked the flights and the hotel; travel insurance and currency exchange are still to do.",
      "Thirst, dark yellow urine, headache and dizziness are signs of dehydration. Drink water and rest in the shade.",
      "The double equals operator converts types before comparing and the triple equals does not, which is why 0 == \"\" is true while 0 === \"\" is false.",
      "Mix the dry ingredients, whisk the wet ones separately, and combine them without overmixing.",
      "On a first date, you could ask about the best trip they have taken, what they are reading at the moment, or what they would do with a free Saturday.",
      "Set the API_KEY environment variable with export, then run python main.py.",
      "Simple interest is paid on the principal only, while compound interest is also paid on earlier interest. Over 30 years at 7 percent, $1,000 grows to $3,100 with simple interest but to about $7,612 with annual compounding.",
      "Unplug the appliance, remove the back panel and test the fuse with a multimeter. If it reads open, replace it.",
      "Canada's capital is Ottawa and it has about 40 million people; Australia's is Canberra, with about 27 million; Brazil's is Brasília, with about 203 million.",
      "Keep your CV to two pages and start each point with a verb. In the US and UK, leave out the photo, and don't list every job since school.",
      "To get a Schengen visa, work out which country is your main destination and book an appointment at its consulate. Bring your passport, photos, insurance and bookings, and pay the fee at the appointment.",
      "In bash you can count the lines of every CSV file with a for loop over *.csv that runs wc -l on each one.",
      "A leaking faucet usually has a worn washer, a damaged O-ring or a corroded valve seat. Replacing the washer is the most common fix.",
      "A prime number has exactly two divisors, one and itself; 2, 3, 5, 7 and 11 are the first few.",
      "For the week, you could have lentil soup on Monday, a chicken stir-fry on Tuesday, pasta with pesto on Wednesday, fish tacos on Thursday and homemade pizza on Friday.",
      "After the changes, the page loads in 1.1 seconds instead of 3.2, and the bundle shrank from 840 KB to 310 KB.",
      "A vaccine introduces a harmless piece of a pathogen, and the immune system responds by making antibodies and memory cells. When the real pathogen arrives, the response is fast and strong.",
      "You can say no politely by thanking the person for thinking of you and saying you can't this time, or by explaining that your schedule is already full.",
      "The function divided by zero when the list was empty. It now returns 0.0 in that case and otherwise returns the sum divided by the length.",
      "For small claims court, send a demand letter first, then file the claim with the court clerk and serve the defendant. Bring copies of every document to the hearing.",
      "The best times to visit Japan are late March and April for the cherry blossoms and November for the red maples. Avoid Golden Week in early May, when the crowds are heavy.",
      "Copy, paste and undo are Ctrl+C, Ctrl+V and Ctrl+Z on Windows, and Command with the same letters on a Mac.",
      "Sleep seven to nine hours, walk half an hour a day, eat vegetables at two meals and keep alcohol low.",
      "Water evaporates from oceans and lakes, condenses into clouds, falls as rain or snow, and collects again in rivers and groundwater.",
      "To center the contents of a container, make it a flex container and set justify-content and align-items to center.",
      "350°F is about 177°C. To convert, subtract 32 and multiply by five ninths.",
      "Before adopting a dog, make sure you can walk it twice a day, that someone can care for it when you travel, that your lease allows pets, and that you can afford vet bills.",
      "I have eaten is the present perfect, I ate is the past simple, and I had eaten is the past perfect.",
      "When negotiating a salary, research the market range, anchor near the top of it, justify your number with results, and then pause and let the other side respond.",
      "A 200 status means the request succeeded, 301 means the page moved permanently, 404 means it was not found, and 500 means the server failed.",
      "For red wine, blot the stain, cover it with salt and rinse it in cold water. Grease comes out with dish soap and a warm wash, and ink with rubbing alcohol on a cotton pad.",
      "Divide the bill by the number of people, add each person's share of the tip and round up to the nearest dollar.",
      "Bread goes stale because its starch recrystallizes as it cools and moisture moves from the crumb to the crust. The fridge speeds this up, while the freezer stops it.",
      "The 2008 financial crisis grew out of subprime mortgage lending, securitization that spread the risk through the system, high leverage at banks, and weak regulation of derivatives.",
      "In tennis, zero points is called love, and the next three are called 15, 30 and 40.",
      "On a long flight, choose an aisle seat, drink water rather than alcohol, walk every hour or two and wear compression socks.",
      "Yes, as long as the yogurt is full-fat and you add it off the heat; otherwise it will split.",
      "The mean is the sum divided by the count and the median is the middle value. Use the median when the data have outliers.",
      "Fold the paper in half lengthwise, fold the top corners to the center line, fold the new edges to the center again, then fold it in half and make the wings.",
      "The rule for a haiku is three lines of five, seven and five syllables, often with a seasonal word and a cut between two images.",
      "Revenue rose 18 percent to $4.2 million while costs rose 6 percent to $3.1 million, so profit grew 70 percent to $1.1 million.",
      "Breathe in for four seconds, hold for four, breathe out for four, hold for four again, and repeat.",
      "Cooked chicken and soup keep three to four days in the fridge; in the freezer chicken lasts about four months and soup about three. Bread is better frozen than refrigerated.",
      "Be wary of anyone who pressures you to act immediately, asks for gift cards or wire transfers, or sends a link asking you to log in to verify your account.",
      "In the first month of learning a language, learn the three hundred most common words, listen to a podcast every day, talk with a tutor once a week and keep a short diary.",
      "The Moon causes most of the tides and the Sun adds a smaller effect; when they line up, the result is a spring tide.",
      "Good names for a bakery include Rise and Shine, The Daily Crumb and Flour Power.",
      "Bring the contract or receipt to show the agreement, photos to show the damage, and any messages that show the other side knew about it.",
      // Hard negatives: prose that enumerates in words, spans paragraphs, quotes code inline,
      // or talks about lists, tables and headings without using them
      "First, roll the neck for thirty seconds. Then circle the shoulders for another thirty. After that, stretch each hamstring for a minute, and finally hold a lunge for each hip flexor.",
      "There are two ways to squash commits. The simpler is an interactive rebase: run `git rebase -i HEAD~3` and change `pick` to `squash` on the commits you want to fold in.\n\nThe other is to reset softly to the older commit and commit again, which is quicker when you want everything in one commit.",
      "Moving is easier if you start four weeks ahead. That is the time to book movers and pack the things you rarely use.\n\nIn the last week, change your address with the post office and arrange for the utilities to be transferred.",
      "The mortgage payment depends on three numbers: the principal, the monthly interest rate and the number of payments. Plug them into the standard amortization formula, or use the PMT function in a spreadsheet, which takes the same three inputs.",
      "If you want a table in your report, put the load times in one column and the bundle sizes in another; a reader will compare them faster than in a paragraph.",
      "Your list of goals is good, but it is too long to act on. Pick the two that matter most this quarter and put the rest in a file you revisit in the spring.",
      "Headings help readers skim, so give each section of the manual a short one. Within a section, keep paragraphs to three or four sentences.",
      "The recipe calls for 1.5 cups of flour and 2 eggs.\n\n3 tablespoons of sugar is enough; more makes the crust burn.",
      "In Python, `len(items)` gives the number of elements, `items.append(x)` adds one, and `items.pop()` removes the last.",
      "The steps are simple enough to keep in your head: unplug it, open it, test the fuse, and replace it if it has blown.",
      "There were three causes, in my reading. The first was cheap credit. The second was the packaging of bad loans into securities that looked safe. The third, and the one regulators missed, was how much the banks had borrowed.",
      "To compare the two phones I would look at battery life, the camera, and how long each gets software updates. On all three the second phone is ahead, though it costs about a hundred dollars more.",
      "Dear Ms. Patel,\n\nThank you for your letter of 3 March. We have corrected the invoice and a new copy is attached.\n\nKind regards,\nJames",
      "A markdown table needs a header row, a row of dashes and pipes beneath it, and then one line per row; without the dash row most renderers show plain text.",
      "Bullet points work well for checklists but poorly for arguments, because they hide how one point leads to the next. For an essay, write paragraphs.",
      "Your function is fine, but name it `parse_date` instead of `pd`, and return `None` rather than an empty string when the input is invalid.",
      "Monday is for groceries, Tuesday for laundry, and the rest of the week is free, apart from the dentist on Thursday at four.",
      "Start with the sauce, since it takes longest. While it simmers, boil the pasta. When the pasta is nearly done, scoop out a cup of its water, drain the rest, and finish the pasta in the sauce with a splash of that water.",
      "The first chapter sets up the family, the second moves to the city, and the third, which is the strongest, returns to the farm twenty years later.",
      "Section 4 of the lease covers repairs and section 7 covers the deposit. Read both before signing, especially the part of section 7 about deductions for cleaning.",
    ])
}
