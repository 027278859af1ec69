/**
 * Compact dictionaries of common given and family names across cultures (English, Spanish,
 * Portuguese, German, French, Italian, Dutch, Nordic, Slavic, Greek, Turkish, Arabic, Persian,
 * Indian, Chinese pinyin and Cantonese, Korean, Japanese, Vietnamese, West and East African).
 *
 * Entries are lower-case ASCII with diacritics and apostrophes removed (`josé` → `jose`,
 * `o'brien` → `obrien`); lookups fold the same way. This list was written for this project.
 */

function words(list: string): readonly string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

/** Common given names. */
export const GIVEN_NAMES: readonly string[] = words(`
  james john robert michael william david richard joseph thomas charles christopher daniel matthew
  anthony donald steven stephen paul andrew joshua kenneth kevin brian george edward ronald timothy
  jason jeffrey ryan jacob gary nicholas eric jonathan larry justin scott brandon benjamin samuel
  gregory frank alexander raymond patrick jack dennis jerry tyler aaron adam henry nathan douglas
  zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
  austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan
  wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny howard oliver harry
  liam lucas mason owen connor caleb luke isaac jake tom tim ted ben sam nick mike steve dave chris
  will mark bill grant ray guy drew dean glen dale gene max miles chase hunter lance
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
  sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
  sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
  katherine christine debra rachel catherine carolyn janet ruth heather diane virginia julie joyce
  victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
  jacqueline frances gloria ann anne teresa kathryn sara janice jean alice madison doris abigail
  julia judy sophia marie denise charlotte isabella amelia mia harper ava chloe ella grace hope
  joy rose ruby lily ivy holly dawn amber crystal faith may june april august eleanor margot
  jose juan carlos luis jorge pedro manuel antonio francisco rafael fernando diego pablo sergio
  alberto ricardo eduardo andres alejandro javier miguel raul ramon enrique ignacio santiago
  mateo joaquin emilio gonzalo alvaro hector oscar ruben victor hugo julio cesar marcos adrian
  carmen rosa lucia isabel sofia valentina camila daniela paula elena marta pilar dolores mercedes
  guadalupe ximena ana alejandra gabriela mariana fernanda veronica adriana beatriz ines raquel
  rocio silvia esperanza consuelo luz josefina catalina
  joao tiago goncalo rodrigo afonso duarte leonor matilde
  hans klaus jurgen wolfgang dieter helmut gunter uwe stefan andreas matthias markus tobias lukas
  jonas felix maximilian sebastian florian johannes dirk jorg sven heinz karl fritz gerhard manfred
  werner horst rolf ulrich ursula ingrid helga gisela renate monika sabine petra claudia susanne
  katrin anja birgit heike silke elke anke ute gudrun hildegard brigitte annika jana lena
  pierre jacques michel philippe alain bernard francois laurent olivier thierry christophe
  sebastien guillaume julien mathieu benoit didier pascal yves rene andre herve gilles claude
  dominique patrice luc nathalie isabelle sylvie francoise monique sophie celine aurelie camille
  manon chantal josiane odile colette genevieve agnes helene amelie margaux elodie
  giuseppe giovanni marco luca francesco alessandro matteo lorenzo davide simone riccardo stefano
  giulia chiara francesca alessia federica elisa martina serena giorgia
  jan piet johan willem henk sander bram daan sanne femke maarten
  lars nils erik anders magnus bjorn henrik mikael jens ole astrid ingrid sigrid kari ingeborg
  freya annika mette
  ivan dmitri dmitry sergei sergey alexei alexey andrei vladimir nikolai mikhail yuri olga tatiana
  natalia svetlana irina ekaterina anastasia yelena galina ludmila
  piotr krzysztof tomasz pawel marcin agnieszka katarzyna malgorzata magdalena zofia
  jiri petr tomas jakub lucie zuzana
  dimitrios georgios konstantinos nikolaos ioannis eleni maria vasiliki
  mehmet mustafa emre burak ayse fatma zeynep elif emine
  mohammed muhammad mohamed mohammad ahmed ahmad ali omar umar hassan hasan hussein husain hussain
  ibrahim yusuf youssef yousef khalid khaled mahmoud mostafa abdullah abdallah abdul abdel
  tariq tarek karim kareem rashid samir walid faisal hamza bilal amir jamal kamal majid salim sami
  ziad yasser anas nasser saeed fatima aisha ayesha khadija maryam mariam zainab zeinab layla
  leila noor nour amina yasmin yasmine salma huda rania hana hanan samira nadia rana dina lina reem
  sana iman asma farah
  reza mehdi hossein parisa shirin neda maryam
  rahul amit ankit arjun rohan vikram sanjay rajesh suresh ramesh mahesh anil sunil vijay ajay
  deepak manoj pradeep arun kiran ravi krishna ganesh rakesh ashok sandeep naveen vivek aditya
  priya pooja neha anjali kavita sunita lakshmi divya deepika shreya aishwarya meera anita rekha
  geeta sita radha swati nisha preeti shalini ritu
  wei fang min jing na yan jun hong lei yong jie tao ming hui xin yu ying hua ping qiang gang bin
  chao xiaoming xiaohong lijuan haiyan guiying xiuying yumei zhiqiang jianguo jianhua jianjun lili
  xiaoli hao kai lan mei ning qing rui ting wen xia xue yun zhen zhiwei yifan zihan yuxuan haoran
  minjun seojun jiwoo seoyeon jimin jihoon jiho hyun sungmin yuna eunji soyeon jisoo minseo
  hiroshi takashi kenji yuki haruto sota yuto hinata sakura yui aoi kenta daiki akira naoki
  yoshiko keiko yumiko kazuki ryo shota taro ichiro emi mai saki
  anh minh linh thao huong tuan dung hieu trang phuong
  kwame kofi kwaku kojo ama abena akua adwoa chinedu emeka ngozi chioma amara obinna tunde femi
  ayodele oluwaseun olumide funmilayo yetunde thabo sipho themba lerato zanele nomvula wanjiru
  kamau otieno achieng
`);

/** Common family names. */
export const FAMILY_NAMES: readonly string[] = words(`
  smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
  wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark
  ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams
  nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker
  cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper
  peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james
  bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster
  jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher
  vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno
  west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall
  owens harrison fernandez mcdonald macdonald woods washington kennedy wells vargas henry chen
  freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw
  snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar
  fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan
  gardner payne grant dunn spencer hawkins arnold pierce hansen peters santos hart bradley knight
  elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado delgado berry
  perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence sandoval
  obrien oconnor oneill walsh byrne mccarthy gallagher doherty lynch quinn mcloughlin kavanagh
  fitzgerald thomson fraser mackenzie maclean
  muller mueller schneider fischer weber becker schulz hoffmann schafer koch bauer richter klein
  wolf schroder neumann schwarz zimmermann braun kruger hofmann hartmann lange schmitt werner krause
  meier lehmann schmid schulze maier kohler herrmann konig mayer huber kaiser fuchs lang scholz
  moller weiss jung hahn vogel friedrich keller gunther berger winkler roth beck lorenz baumann
  franke albrecht schuster ludwig bohm winter kraus schumacher kramer vogt stein jager sommer
  bernard dubois robert richard petit durand leroy moreau simon laurent lefebvre michel david
  bertrand roux vincent fournier morel girard andre lefevre mercier dupont lambert bonnet francois
  legrand garnier faure rousseau blanc guerin roussel perrin morin mathieu clement gauthier dumont
  fontaine chevalier robin masson gerard boyer lemaire duval joly gautier roche noel meunier
  marchand dufour blanchard barbier brun dumas brunet leroux renard arnaud rolland caron aubert
  giraud leclerc vidal bourgeois renaud lemoine picard gaillard lacroix fabre dupuis hubert
  guillot riviere moulin lecomte menard fleury deschamps carpentier benoit
  alonso navarro dominguez gil serrano blanco suarez molina ortega rubio marin sanz nunez iglesias
  garrido cortes lozano guerrero cano prieto calvo gallego leon marquez cabrera campos vega diez
  fuentes carrasco caballero nieto aguirre pascual herrero santana lorenzo hidalgo montero ibanez
  gimenez ferrer duran vicente benitez mora arias carmona crespo pastor saez velasco soler moya
  esteban parra bravo gallardo rojas
  oliveira souza pereira ferreira almeida costa carvalho rodrigues gomes martins araujo ribeiro
  rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti mancini
  giordano rizzo lombardi moretti barbieri fontana
  jansen janssen visser smit meijer mulder bakker dekker brouwer dijkstra vos bos hendriks
  johansson karlsson nilsson eriksson larsson olsson persson svensson gustafsson lindberg lindqvist
  andersen pedersen nielsen jensen larsen olsen johansen kristiansen virtanen korhonen nieminen
  makinen hamalainen
  ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov
  alekseev lebedev semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin
  zakharov ivanova smirnova petrova kuznetsova popova
  nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak
  dabrowski novak svoboda dvorak horvath nagy kovacs toth szabo
  papadopoulos papadakis georgiou nikolaou
  yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan
  hussein mohamed ahmed ibrahim mahmoud abdullah khalil haddad nasser saleh mansour salem aziz
  rahman hamdan khoury saad farouk osman othman qureshi siddiqui sheikh malik hakim hashemi
  hosseini mohammadi rezaei karimi ahmadi
  sharma singh kumar gupta shah mehta joshi desai reddy rao nair iyer menon pillai chopra kapoor
  malhotra agarwal bansal jain verma mishra pandey tiwari yadav chauhan thakur bhatt banerjee
  chatterjee mukherjee ghosh bose sen chaudhary khan
  wang li zhang liu yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie
  song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu
  ding ren shen yao jin fu zhong cui tan fan shi qiu qin
  wong chan cheung lau leung lam tsang chow ng yip kwok ho lai mak tse fung
  park choi kang cho yoon jang lim oh seo kwon hwang ahn jeon hong
  sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki
  yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto ishikawa
  pham hoang phan vu vo dang bui do ngo duong ly le
  okafor okonkwo adeyemi adebayo oluwole eze nwosu obi chukwu okeke balogun mensah owusu boateng
  asante mwangi otieno kamau ochieng
`);

/**
 * Dictionary entries that are also everyday or medical words (`Will`, `Grant`, `Gray`, `Bell`,
 * `Rose`, `Long`), or that are best known as medical eponyms (`Willis`, `Douglas`, `Foley`). They
 * count as names only with context (a title, a label) or next to a name that is not ambiguous.
 */
export const AMBIGUOUS_NAMES: readonly string[] = words(`
  will mark bill grant ray guy drew dean glen dale gene max miles chase hunter lance jack frank
  grace hope joy rose ruby lily ivy holly dawn amber crystal faith may june april august heather
  carol sandy penny art jan jun min bin gang ping hong long hung sung fang jean said angel
  brown white black green gray grey young king hall wood woods hill park bell rice price hunt stone
  cook bishop fisher baker turner walker porter cooper carpenter lane rivers banks fields knight
  west ford mills wells winter berry fox wolf bravo pastor costa petit rose mason sun song tang
  fan pan tan ding dong lam chow oh mak will roman leon vega mora cruz mayer
  douglas willis barrett wilson murphy hartmann foley jordan ward reed pierce nick robin dolores luz
  esperanza campos cortes diez blanco moreno calvo ramos stein mai
`);

/** Word keys that are never person names even when they appear in a dictionary above. */
export const NEVER_NAMES: readonly string[] = words(`iris colon shin lung dtr dau sil dil hcp`);
