import Testing
@testable import RefusalDetector

/// Deflection, disclaimer, "as an AI" and redirect counts on hand-written answers.
@Suite struct OtherCueTests {
  @Test func deflection() {
    #expect(signals("Let's talk about something else.").deflection == 1)
    #expect(signals("Instead, I can suggest a few safe alternatives.").deflection == 1)
    #expect(signals("I'd rather not get into that. Why do you want to know?").deflection == 2)
    #expect(signals("Can we change the subject?").deflection == 1)
    // One sentence counts once.
    #expect(signals("I'd rather not, let's talk about something else.").deflection == 1)
    // Near misses.
    #expect(signals("Is there anything else I can help you with?").deflection == 0)
    #expect(signals("Instead of butter, use olive oil.").deflection == 0)
    #expect(signals("Let's talk about the main causes first.").deflection == 0)
  }

  @Test func policyDisclaimer() {
    #expect(signals("That would be against my guidelines.").disclaimer == 1)
    #expect(signals("That's not appropriate.").disclaimer == 1)
    #expect(signals("I'm not a doctor, but rest usually helps.").disclaimer == 1)
    #expect(signals("This is not medical advice. Consult a professional.").disclaimer == 2)
    #expect(signals("It's illegal to do that in most states.").disclaimer == 1)
    // Near misses.
    #expect(signals("The doctor said rest helps.").disclaimer == 0)
    #expect(signals("Legal advice can be expensive, so compare lawyers.").disclaimer == 0)
    #expect(signals("Our guidelines for the garden: water daily.").disclaimer == 0)
  }

  @Test func aiSelfReference() {
    #expect(signals("As an AI language model, I don't have personal opinions.").aiSelfReference == 1)
    #expect(signals("I'm just an AI. I don't have feelings.").aiSelfReference == 2)
    #expect(signals("Sorry, I'm just a computer program.").aiSelfReference == 1)
    #expect(signals("I'm a bot, so I can't taste food.").aiSelfReference == 1)
    // Near misses.
    #expect(signals("As an AI researcher, she studied language models.").aiSelfReference == 0)
    #expect(signals("AI is changing how people work.").aiSelfReference == 0)
    #expect(signals("As an aide, he kept the schedule.").aiSelfReference == 0)
    #expect(signals("I don't have personal addresses for celebrities.").aiSelfReference == 0)
  }

  @Test func professionalRedirect() {
    #expect(signals("Please seek help from a counselor.").redirect == 1)
    #expect(signals("You should contact a licensed therapist.").redirect == 1)
    #expect(signals("If you are in danger, call 911.").redirect == 1)
    #expect(signals("Please reach out to a therapist. You can also call the crisis line.").redirect == 2)
    #expect(signals("Talk to your doctor before changing the dose.").redirect == 1)
    // Near misses.
    #expect(signals("My doctor said it was fine.").redirect == 0)
    #expect(signals("The police arrived at noon.").redirect == 0)
    #expect(signals("Call your mom and ask about the recipe.").redirect == 0)
  }

  @Test func quotedCuesDoNotCount() {
    let mention = #"Chatbots often say "as an AI language model" or "consult a professional"."#
    #expect(signals(mention) == ResponseSignals())
  }
}
