/**
 * Common words of the languages told apart by their words (Latin and Cyrillic script):
 * function words first, then what travelers write about (flights, luggage, rooms,
 * transfers, delays). Spelled naturally and folded when loaded, so accents are optional.
 * A word in several lists counts for each of them, split between them ("de", "a", "no").
 * `~` marks a weak word, greetings and thanks, which tourists often say in the local
 * language before writing the rest in their own ("Hola, my flight is late").
 * A word ending in an apostrophe is an elided prefix ("j'ai" → "j'" + "ai").
 */
export const WORD_LISTS: Readonly<Record<string, string>> = {
  en: `the a an and or but is are was were be been am i you he she it we they my your our their me us them this that
    these those there here what where when why how who which can could would should will do does did not no yes with
    without for from to of in on at by about after before also only again still just any some if so too very than
    have has had get got need want please ~hi ~hello ~thanks ~thank ~bye i' it' don' can' didn' doesn' isn' won' we'
    you' that' what' where' there' let' luggage baggage bag bags suitcase lost missing flight airport pick pickup
    driver room booking booked reservation cancel arrive arrived arrival late delayed delay tomorrow today tonight
    yesterday morning evening time waiting wait nobody anyone help van lot hour hours
    breakfast dinner lunch included ticket tickets passport refund beach pool key keys left never answers much
    monday tuesday wednesday thursday friday saturday sunday january february march june july august september
    october november december check out
    cost costs price working broken exit gate arrivals date change air conditioning towels cancelled canceled`,
  fr: `le la les un une des du de et ou est suis es sont je j' tu il elle nous vous ils elles on mon ma mes ton ta tes
    votre vos notre nos ce cette ces ça qui que qu' quoi quand comment pourquoi combien pas ne n' plus avec sans pour
    par dans sur chez au aux a à ai avez avons ont été fait faire peux peut pouvez veux voudrais ~merci ~bonjour
    ~bonsoir ~salut oui non s'il plaît svp aujourd' hui demain hier soir matin toujours encore rien personne très
    aussi mais si moi alors déjà bien besoin c' l' d' m' s' t' y en bagage bagages valise valises vol vols aéroport
    retard retardé chambre arrivée arrivé navette chauffeur réservation annuler perdu perdue attends attendre
    heure heures se où
    petit déjeuner dîner inclus incluse compris billet billets passeport remboursement plage piscine clé clef
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre
    octobre novembre décembre beaucoup oublié répond téléphone depuis dois doit quel quelle aide voiture
    prix coûte coûtent marche fonctionne cassé sortie porte date changer modifier climatisation serviettes annulé
    annulée jusqu'`,
  es: `el la los las un una unos unas y o de del al en con sin por para que qué quien donde dónde cuando cuándo como
    cómo cuanto cuánto es está están estoy estamos son soy ser estar hay mi mis tu su sus nuestro nuestra yo usted
    ustedes me te se lo le les no sí si pero muy también ya todavía aún ~hola ~gracias buenos buenas días noches
    favor puedo puede pueden quiero necesito tengo tiene tenemos he ha han hemos vuelo vuelos aeropuerto equipaje
    maleta maletas habitación reserva llegada llegado llegar llega retraso retrasado perdido perdida chófer
    conductor traslado recoger mañana hoy ayer hora esperando nadie este esta eso esto ese nos dia
    desayuno cena almuerzo incluido incluida billete billetes pasaporte reembolso playa piscina llave lunes martes
    miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre
    noviembre diciembre muchas muchos mucho todo nada contesta teléfono perdí encuentro hacer desde hasta ahora
    aquí
    precio cuesta cuestan funciona roto rota salida puerta fecha cambiar aire acondicionado toallas cancelado
    cancelada vemos`,
  pt: `o a os as um uma uns umas e é ou de do da dos das no na nos nas em com sem por para pra que quem onde quando
    como quanto porque está estão estou estamos são sou ser estar tem têm tenho temos há meu minha meus minhas seu
    sua você vocês eu ele ela nós me te se lhe não sim mas muito também já ainda ~olá ~oi ~obrigado ~obrigada bom
    boa dia noite favor posso pode podem quero preciso voo voos aeroporto bagagem bagagens mala malas quarto
    reserva chegada chegou chegar atraso atrasado perdido perdida perdeu motorista traslado buscar amanhã hoje
    ontem hora esperando ninguém este esta isso isto esse essa aqui ao aos pelo pela num numa foi vai vou qual
    café manhã almoço jantar incluído incluída bilhete bilhetes passagem passaporte reembolso praia piscina chave
    segunda terça quarta quinta sexta sábado domingo janeiro fevereiro março abril maio junho julho agosto
    setembro outubro novembro dezembro cadê fica encontro ajuda atende telefone desde faço duas perdi
    preço custa custam funciona quebrado quebrada saída portão data mudar trocar ar condicionado toalhas cancelado
    cancelada até`,
  it: `il lo la i gli le un uno una e ed o di del della dello dei delle da dal dalla in nel nella con su sul per tra
    fra che chi cosa dove quando come quanto perché è sono sei siamo ho hai ha abbiamo hanno essere avere mio mia
    miei mie tuo suo nostro vostro io lei noi voi loro mi ti ci si non sì ma molto anche già ancora ~ciao ~grazie
    ~buongiorno ~buonasera ~salve prego favore posso può possiamo voglio vorrei devo bagaglio bagagli valigia
    valigie volo voli aeroporto camera prenotazione arrivo arrivato arrivata ritardo perso persa autista navetta
    domani oggi ieri ora ore aspettando aspetto nessuno questo questa quello qui qua c' l' dell' all' nell' un'
    dall' sull' d' al alla allo ai agli alle dopo prima sempre niente più so fra
    colazione cena pranzo incluso inclusa compreso biglietto biglietti passaporto rimborso spiaggia piscina chiave
    lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo aprile maggio giugno luglio
    agosto settembre ottobre novembre dicembre ~mille dov' risponde telefono stamattina fare trova due passa
    prezzo costa costano funziona rotto rotta uscita data cambiare aria condizionata asciugamani cancellato
    cancellata spostare`,
  de: `der die das den dem des ein eine einen einem einer und oder aber ist sind bin bist war waren sein haben habe
    hat hast wir ich du er sie es ihr mein meine meinen meinem meiner dein unser unsere ihre mich mir uns nicht
    kein keine ja nein mit ohne für von zu zum zur bei nach aus auf an am im in um über wo wann wie was warum wer
    welche wieviel bitte ~danke ~hallo guten morgen tag abend kann können könnten möchte will muss brauche gepäck
    gepaeck koffer flug flughafen zimmer buchung reservierung ankunft angekommen verspätung verspätet verloren
    fahrer abholung abholen heute gestern uhr warte warten niemand noch schon auch sehr dass wenn hier dort immer
    leider gibt wurde so da als
    frühstück abendessen inklusive inbegriffen fahrkarte reisepass erstattung strand schlüssel montag dienstag
    mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli august september oktober
    november dezember vielen ~dank hilfe telefon seit geht soll tun gebucht stunden stunde zwei
    preis kostet kosten funktioniert kaputt ausgang datum ändern klimaanlage handtücher storniert abgesagt
    gestrichen fährt`,
  nl: `de het een en of maar is zijn ben bent was waren heb hebt heeft hebben ik je jij u hij zij ze wij we mijn jouw
    uw ons onze hun me mij niet geen ja nee met zonder voor van naar uit op aan bij in om over waar wanneer hoe wat
    waarom wie welke hoeveel alstublieft alsjeblieft graag ~dank ~dankjewel ~bedankt ~hallo ~goedemorgen
    ~goedemiddag ~goedenavond kan kunnen kunt wil wilt moet bagage koffer vlucht luchthaven vliegveld kamer boeking
    reservering aankomst aangekomen vertraging vertraagd verloren kwijt chauffeur ophalen morgen vandaag gisteren
    uur wacht wachten niemand nog al ook erg heel dat dit deze die er hier daar altijd helaas als dan want wordt
    worden tot
    ontbijt inbegrepen kaartje paspoort terugbetaling strand zwembad sleutel maandag dinsdag woensdag donderdag
    vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november
    december
    prijs kost kosten werkt kapot uitgang datum wijzigen handdoeken geannuleerd`,
  ca: `el la els les un una uns unes i o de del dels al als en amb sense per que què qui on quan com quant perquè és
    són sóc som estic està estan hi ha he hem han tinc té tenim meu meva meus meves seu seva nostre nostra jo tu ell
    ella nosaltres vosaltres vostè em et es ens us li no sí però molt també ja encara ~hola ~gràcies ~bon bona dia
    tarda nit plau puc pot podeu vull voldria necessito maleta maletes equipatge vol aeroport habitació reserva
    arribada arribat arribar retard perdut perduda conductor trasllat recollir demà avui ahir hora esperant ningú
    aquest aquesta això aquí allà d' l' m' s' n' mai res doncs fins tot
    esmorzar inclòs bitllet passaport reemborsament platja piscina clau dilluns dimarts dimecres dijous divendres
    dissabte diumenge gener febrer març abril maig juny juliol agost setembre octubre novembre desembre
    preu costa funciona sortida data canviar tovalloles`,
  pl: `i a w z na do od po za o u że się nie tak to jest są jestem jesteśmy był była było mam ma mamy mają ja ty on
    ona my wy oni mój moja moje moi mnie mi nas was czy co gdzie kiedy jak dlaczego ile który która ale lub albo
    bardzo też także już jeszcze proszę ~dziękuję ~dzień ~dobry ~cześć ~witam dobrze mogę może możemy chcę
    potrzebuję bagaż bagażu walizka walizki walizkę lot lotu lotnisko lotniska lotnisku pokój pokoju rezerwacja
    rezerwacji przylot przyjazd opóźnienie opóźniony zgubiony zgubiłem zgubiłam kierowca kierowcy odbiór jutro
    dzisiaj dziś wczoraj godzina godzinie czekam nikt ten ta tu tutaj nic przez dla przy bez ich`,
  tr: `bir ve veya ile için bu şu o ne neden nerede nereye zaman nasıl kaç kim hangi var yok değil evet hayır ben sen
    biz siz onlar benim bizim sizin mi mı mu mü da de ama çok daha henüz hala ~merhaba ~teşekkürler ~teşekkür
    ~ederim ~sağol lütfen ~günaydın iyi akşamlar bavul bavulum bagaj bagajım valiz valizim uçuş uçuşum uçak uçağım
    havalimanı havaalanı oda odam odası rezervasyon varış geldi gelmedi geç gecikme rötar kayıp kaybettim şoför
    sürücü yarın bugün dün saat bekliyorum bekliyoruz kimse burada orada şimdi sonra önce hiç ki`,
  sv: `och i att det som en ett är var jag du han hon vi ni de dem min mitt mina din vår er inte ja nej med utan för
    från till på av om hos vid efter innan när hur vad varför vem vilken ~hej ~tack snälla god morgon kan kunna vill
    skulle måste behöver har hade bagage väska väskan resväska flyg flyget flygplats flygplatsen rum rummet bokning
    ankomst kommit försenad försening förlorad borta chaufför förare hämta upphämtning imorgon idag igår klockan
    väntar ingen här där också mycket redan fortfarande men eller så nu sen
    timme timmar`,
  da: `og i at det som en et er var jeg du han hun vi i de dem min mit mine din vores jer ikke ja nej med uden for fra
    til på af om hos ved efter før hvor hvornår hvordan hvad hvorfor hvem hvilken ~hej ~tak venligst god morgen kan
    kunne vil skal skulle må har havde bagage kuffert kufferten taske fly flyet lufthavn lufthavnen værelse
    værelset booking ankomst ankommet forsinket forsinkelse mistet væk chauffør hente afhentning i morgen dag
    klokken venter ingen her der også meget allerede stadig men eller så nu mig dig blevet nogen
    time timer ventet venter vente gør`,
  no: `og i at det som en et er var jeg du han hun vi dere de dem min mitt mine din vår ikke ikkje ja nei med uten for
    fra til på av om hos ved etter før hvor når hvordan hva hvorfor hvem hvilken ~hei ~takk vær så snill god morgen
    kan kunne vil skal skulle må har hadde bagasje koffert kofferten veske fly flyet flyplass flyplassen lufthavn
    rom rommet bestilling ankomst kommet forsinket forsinkelse mistet borte sjåfør hente henting i dag klokken
    venter ingen her der også veldig mye allerede fortsatt men eller så nå meg deg ble noen
    time timer ventet venter vente gjør`,
  id: `yang dan di ke dari ini itu saya aku kami kita anda kamu dia mereka tidak bukan ya ada akan sudah belum masih
    bisa dapat mau ingin perlu untuk dengan tanpa pada dalam oleh apa mana dimana kapan bagaimana berapa siapa
    kenapa mengapa tapi atau juga sangat ~terima ~kasih tolong ~selamat pagi siang malam ~halo bagasi koper
    penerbangan pesawat bandara kamar pemesanan reservasi kedatangan tiba datang terlambat hilang sopir supir jemput
    penjemputan besok hari kemarin jam menunggu tunggu sini sana sekarang nanti lagi sampai`,
  ru: `и в во не на я он она оно мы вы они что это как где когда почему сколько кто мой моя моё мои ваш ваша наш у
    меня нас вас с со от до по за из для без но или да нет уже ещё еще очень тоже только есть был была были будет
    ~здравствуйте ~привет ~спасибо пожалуйста можно могу можете хочу нужно багаж чемодан рейс аэропорт номер
    бронирование прилёт прилет опоздание задерживается задержка потерялся потерян водитель трансфер завтра сегодня
    вчера час часов жду ждём никого никто здесь там`,
  uk: `і й в у не на я він вона воно ми ви вони що це як де коли чому скільки хто мій моя моє мої ваш ваша наш мене
    нас вас з із зі від до по за для без але або так ні вже ще дуже теж тільки є був була були буде ~вітаю ~привіт
    ~дякую будь ласка можна можу можете хочу потрібно багаж валіза рейс аеропорт номер бронювання приліт
    запізнення затримка загубився водій трансфер завтра сьогодні вчора година годин чекаю ніхто тут там`,
  bg: `и в във не на аз той тя то ние вие те че това как къде кога защо колко кой моят моя мое мои ваш ваша наш мен
    нас вас с със от до по за за без но или да не вече още много също само е са бях беше ще има няма ~здравейте
    ~здрасти ~благодаря моля може мога можете искам трябва багаж куфар полет летище стая резервация пристигане
    закъснение закъснява изгубен шофьор трансфер утре днес вчера час часа чакам никой тук там`,
};
