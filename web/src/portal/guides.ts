export interface Guide {
  id: string;
  title: string;
  intro: string;
  before: string[];
  during: string[];
  after?: string[];
}

// Written for residents reading on a phone, possibly while something is happening: short imperative lines, the most
// important first.
export const guides: Guide[] = [
  {
    id: "alert",
    title: "During an alert",
    intro: "When the city issues an alert, it tells you what is happening, where, and what to do. Follow it first.",
    before: [
      "Know two ways out of your home and a place to meet outside it.",
      "Keep a charged phone, a torch, water for three days and any medicines you need in one place.",
      "Write down phone numbers you need on paper: the battery can run out.",
    ],
    during: [
      "Read the whole message: the instruction (evacuate, shelter in place, avoid the area) is what matters.",
      "Check on neighbours who may not have seen it: older people, people living alone, people who do not read the language.",
      "Use the phone for emergencies only, so that lines stay free.",
      "Do not go to look at the scene: it slows down the people responding.",
    ],
    after: ["Wait until the alert is cancelled before going back to a closed area."],
  },
  {
    id: "fire",
    title: "Fire",
    intro: "Smoke kills faster than flames. Getting out early matters more than anything you could take with you.",
    before: [
      "Fit smoke alarms on every floor and test them each month.",
      "Keep exits and stairways clear; know where the keys to locked doors are.",
      "Never leave cooking unattended.",
    ],
    during: [
      "Get out, stay out, and call the emergency number from outside.",
      "Close doors behind you to slow the fire.",
      "If there is smoke, stay low where the air is cleaner.",
      "Touch doors with the back of your hand first; if hot, use another way out.",
      "If you cannot get out, close the door, seal gaps with cloth, go to a window and call for help.",
      "Never use a lift.",
    ],
    after: ["Do not go back in until the fire service says it is safe."],
  },
  {
    id: "flood",
    title: "Flood",
    intro: "Most flood deaths happen in vehicles and when people walk through moving water.",
    before: [
      "Find out whether your street floods, and where higher ground is.",
      "Keep important documents in a waterproof bag, upstairs if you can.",
      "Know how to switch off gas, electricity and water at the mains.",
    ],
    during: [
      "Never walk, swim or drive through flood water: 15 cm of moving water can knock you down, 30 cm can float a car.",
      "Move people, pets and medicines upstairs or to higher ground.",
      "Switch off electricity at the mains if water is coming in and it is safe to reach.",
      "Keep away from drains, culverts and riverbanks.",
    ],
    after: ["Flood water carries sewage: wash hands, and wear gloves and boots to clean up.", "Have electrics checked before switching them back on."],
  },
  {
    id: "heat",
    title: "Heat",
    intro: "Heat is most dangerous for older people, babies, people with heart or lung disease, and people working outside.",
    before: ["Know which room in your home stays coolest.", "Find the nearest cool public place (library, shopping centre, cooling centre)."],
    during: [
      "Drink water regularly, before you feel thirsty; avoid alcohol.",
      "Keep out of the sun between 11:00 and 15:00; close curtains on sunny windows.",
      "Never leave a child or an animal in a parked car.",
      "Call or visit older neighbours and relatives once a day.",
      "Heat stroke (hot dry skin, confusion, fainting) is an emergency: call the emergency number and cool the person down.",
    ],
  },
  {
    id: "air",
    title: "Air pollution",
    intro: "The air-quality map on this site shows the latest sensor readings by district, on the US EPA scale.",
    before: ["If you have asthma or a heart or lung condition, keep your medicines with you and an action plan from your doctor."],
    during: [
      "Orange (unhealthy for sensitive groups): sensitive people should cut down long or heavy exertion outdoors.",
      "Red or worse: everyone should cut down outdoor exertion; sensitive people should stay indoors.",
      "Keep windows closed while the air is bad, and air the house when readings fall.",
      "Avoid exercising next to busy roads.",
      "Seek medical help if you have chest pain, shortness of breath or unusual tiredness.",
    ],
  },
];
