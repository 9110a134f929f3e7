import { expectedAnswerType, expressesAnswerType } from '../../../../src/ai/answer/answer-type';

describe('expectedAnswerType', () => {
  it.each([
    ['How much is the ferry ticket to Jeju?', 'price'],
    ['What does a bowl of bibimbap cost?', 'price'],
    ['Is there an admission fee?', 'price'],
    ['How much luggage can I bring?', null],
    ['What time does the museum close?', 'clock'],
    ['What are the opening hours of the zoo?', 'clock'],
    ['When does the last bus leave?', 'clock'],
    ['When is the mime festival?', 'date'],
    ['Which day is the palace closed?', 'date'],
    ['How often does the shuttle run?', 'frequency'],
    ['How long is the train ride to Lille?', 'duration'],
    ['How far is the airport from town?', 'distance'],
    ['What is the phone number of the tourist office?', 'phone'],
    ['Who do I call at 3am if something goes wrong?', 'phone'],
    ['How many steps are there up the tower?', 'number'],
    ['How tall is the cathedral?', 'number'],
    ['Where is the Bunker Hill Monument?', null],
    ['Is there a casino in town?', null],
  ])('%j → %s', (question, expected) => {
    expect(expectedAnswerType(question)).toBe(expected);
  });
});

describe('expressesAnswerType', () => {
  it.each([
    ['price', 'A ticket costs €12.', true],
    ['price', 'The fare is ₩1,200 on local buses.', true],
    ['price', 'Entry is 5 euros, or 25% less for students.', true],
    ['price', 'Admission is free.', true],
    ['price', 'The ferry sails every day except Sunday.', false],
    ['clock', 'Open Tu-Su 10:00-18:00.', true],
    ['clock', 'The driver collects you three hours before the flight.', true],
    ['clock', 'The tower is a symbol of Paris.', false],
    ['date', 'It runs the first ten days of October.', true],
    ['date', 'Built in 1887-1889.', true],
    ['date', 'The boat trip is on day 4.', true],
    ['date', 'A large market with fresh fish.', false],
    ['frequency', 'Buses leave every 20 minutes.', true],
    ['frequency', 'There are 7 direct trains per day.', true],
    ['frequency', 'The bus stops at the museum.', false],
    ['duration', 'The crossing takes 11 hours.', true],
    ['duration', 'It is about an hour and a half by train.', true],
    ['duration', 'The train is comfortable.', false],
    ['duration', 'About half an hour on foot.', true],
    ['distance', 'The airport is 30 km from the city.', true],
    ['distance', 'A five minute walk from the station.', true],
    ['phone', 'Call ☎ +33 1 42 64 40 10.', true],
    ['phone', 'Dial 112 for an ambulance.', true],
    ['phone', 'Ask at the front desk.', false],
    ['number', 'Climb the 243 steps.', true],
    ['number', 'A tall tower.', false],
  ] as const)('%s in %j → %s', (type, text, expected) => {
    expect(expressesAnswerType(type, text)).toBe(expected);
  });
});
